// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/shared/client'
import { installClient } from '../../src/renderer/src/client'
import OpEditor from '../../src/renderer/src/components/augment/OpEditor.vue'
import PipelineToolbar from '../../src/renderer/src/components/augment/PipelineToolbar.vue'
import TrainSettingsForm from '../../src/renderer/src/components/train/TrainSettingsForm.vue'
import { useAugmentStore } from '../../src/renderer/src/stores/augmentStore'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'

beforeEach(() => {
  setActivePinia(createPinia())
  // Nothing here needs the engine; a call would be a test mistake, so it fails loudly.
  installClient(
    createClient({
      invoke: async (route) => {
        throw new Error(`unexpected call to ${route}`)
      },
      subscribe: () => () => {}
    })
  )
})

const flipIndex = (): number => useAugmentStore().spec.ops.findIndex((op) => op.type === 'flip')

async function choosePreset(toolbar: ReturnType<typeof mount>, id: string): Promise<void> {
  await toolbar.get('[data-testid="preset-select"]').setValue(id)
  await flushPromises()
}

describe('flips and digits', () => {
  it('the Lecture preset loaded with MNIST open leaves the flip off and says why; with photos it flips', async () => {
    const dataset = useDatasetStore()
    const augment = useAugmentStore()
    const toolbar = mount(PipelineToolbar)

    await choosePreset(toolbar, 'lecture')
    expect(augment.spec.ops[flipIndex()]?.enabled).not.toBe(false)
    expect(toolbar.findAll('[data-testid="preset-note"]')).toHaveLength(0)

    dataset.lastSource = { kind: 'mnist' }
    await choosePreset(toolbar, 'none')
    await choosePreset(toolbar, 'lecture')
    expect(augment.spec.ops[flipIndex()]?.enabled).toBe(false)
    expect(toolbar.get('[data-testid="preset-note"]').text()).toMatch(
      /^Flip is switched off: a mirrored digit/
    )
    toolbar.unmount()
  })

  it('a flip switched on for MNIST is warned about beside it in the Augment room and in the Train form', async () => {
    useDatasetStore().lastSource = { kind: 'mnist' }
    const augment = useAugmentStore()
    augment.loadPreset('lecture')
    const index = flipIndex()
    const editor = mount(OpEditor, { props: { op: augment.spec.ops[index]!, index } })
    expect(editor.find('[data-testid="flip-warning"]').exists()).toBe(false)

    await editor.get('[data-testid="op-toggle-flip"]').setValue(true)
    await editor.setProps({ op: augment.spec.ops[index]!, index })
    expect(editor.get('[data-testid="flip-warning"]').text()).toMatch(/A flip is on: a mirrored digit/)
    editor.unmount()

    useTrainingStore().form.augment = true
    const form = mount(TrainSettingsForm)
    expect(form.text()).toMatch(/Augment room’s pipeline[^.]*\. A flip is on: a mirrored digit/)
    form.unmount()
  })
})
