import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { presetSpec, type AugmentSpec } from '../../src/shared/augment'
import { defaultTrainingSettings } from '../../src/shared/training'
import { useAugmentStore } from '../../src/renderer/src/stores/augmentStore'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'

beforeEach(() => setActivePinia(createPinia()))

function preset(name: string): AugmentSpec {
  const spec = presetSpec(name)
  if (!spec) throw new Error(`no preset ${name}`)
  return spec
}

describe('augmentation in training follows the Augment room', () => {
  it('is switched on when the pipeline gets its first op, and says so', () => {
    const augment = useAugmentStore()
    const training = useTrainingStore()
    expect(training.settings?.augment).toBe(false)
    augment.setSpec(preset('light'))
    expect(training.settings?.augment).toBe(true)
    expect(training.augmentFollowsPipeline).toBe(true)
  })

  it('stays off once switched off by hand, until the pipeline empties and gets ops again', () => {
    const augment = useAugmentStore()
    const training = useTrainingStore()
    augment.setSpec(preset('light'))
    training.form.augment = false
    augment.setSpec(preset('strong'))
    expect(training.settings?.augment).toBe(false)
    augment.setSpec({ ops: [] })
    augment.setSpec(preset('light'))
    expect(training.settings?.augment).toBe(true)
  })

  it('keeps what a project saved when it restores the pipeline and then the settings', () => {
    const augment = useAugmentStore()
    const training = useTrainingStore()
    augment.setSpec(preset('lecture'))
    training.setSettings(defaultTrainingSettings({ augment: false }))
    expect(training.settings?.augment).toBe(false)
  })
})
