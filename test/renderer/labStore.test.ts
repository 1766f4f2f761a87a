// @vitest-environment happy-dom
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { DEEP_MNIST_SETTINGS, defaultTrainingSettings } from '../../src/shared/training'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { checkSettingsForm, formFromSettings } from '../../src/renderer/src/domain/train/settingsForm'
import { PLAY_INTERVAL_MS, useLabStore } from '../../src/renderer/src/stores/labStore'

let dir = ''
const calls: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lab-store-'))
  // Under happy-dom the WebAssembly backend would fetch its binary over HTTP; the CPU backend answers the same.
  process.env.CNN_WORKBENCH_BACKEND = 'cpu'
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  installClient(
    createClient({
      invoke: (route, input) => {
        calls.push(route)
        return dispatch(route, input)
      },
      subscribe: () => () => {}
    })
  )
})
afterAll(() => rm(dir, { recursive: true, force: true }))
beforeEach(() => {
  setActivePinia(createPinia())
  calls.length = 0
})

/** Lets the watchers run and the in-process engine answer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((r) => setImmediate(r))
  }
}

describe('the playground', () => {
  it("steps through the lecture's first convolution: window, products, sum, output", async () => {
    const lab = useLabStore()
    await lab.playground.compute()
    const p = lab.playground
    expect(p.answer?.output).toEqual([
      [3, 2, 4],
      [2, 5, 0],
      [4, 1, 4]
    ])
    expect(p.current).toBeNull()
    p.forward()
    expect(p.step).toBe(1)
    expect(p.current).toMatchObject({ row: 0, col: 0, top: 0, left: 0, result: 3 })
    p.forward()
    expect(p.current).toMatchObject({ row: 0, col: 1, left: 1, result: 2 })
    p.back()
    expect(p.current?.result).toBe(3)
    p.showAll()
    expect(p.step).toBe(9)
    p.forward()
    expect(p.step).toBe(9)
    p.reset()
    expect(p.current).toBeNull()
  })

  it('plays one step per interval and stops at the last one', async () => {
    const lab = useLabStore()
    await lab.playground.compute()
    vi.useFakeTimers()
    try {
      lab.playground.play()
      expect(lab.playground.playing).toBe(true)
      vi.advanceTimersByTime(PLAY_INTERVAL_MS * 4)
      expect(lab.playground.step).toBe(4)
      vi.advanceTimersByTime(PLAY_INTERVAL_MS * 10)
      expect(lab.playground.step).toBe(9)
      expect(lab.playground.playing).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('loads the other lecture cases and recomputes on every edit; a bad matrix is not sent', async () => {
    const lab = useLabStore()
    const p = lab.playground
    p.loadCase('max-pool')
    await settle()
    expect(p.operation).toBe('pool')
    expect(p.answer?.output).toEqual([
      [6, 8],
      [9, 6]
    ])
    expect(p.caseId).toBe('max-pool')
    calls.length = 0
    p.inputText = '1 2 3\n4 5'
    await settle()
    expect(p.input).toEqual({
      ok: false,
      error: "The input's row 2 has 2 numbers but row 1 has 3 numbers; every row needs the same count."
    })
    expect(p.answer).toBeNull()
    expect(calls).toEqual([])
    expect(p.caseId).toBe('')
    p.loadCase('conv-p1')
    await settle()
    expect(p.padding).toBe('explicit')
    expect(p.answer?.shape).toEqual([5, 5])
  })

  it("says why a kernel does not fit, in the engine's words", async () => {
    const lab = useLabStore()
    const p = lab.playground
    p.inputText = '1 2\n3 4'
    await settle()
    expect(p.error).toBe(
      'The kernel (3×3) is larger than the input (2×2); use a smaller kernel or more padding.'
    )
  })
})

describe('backpropagation and the picture', () => {
  it('answers every ∂L/∂w and filters the built-in picture with filter01 and filter02', async () => {
    const lab = useLabStore()
    await lab.backprop.compute()
    expect(lab.backprop.answer?.gradFilter[0]?.[0]).toBe(-0.5)
    expect(lab.backprop.answer?.terms).toHaveLength(4)
    await lab.picture.applyFilters()
    const outputs = lab.picture.filter.answer?.outputs ?? []
    expect(outputs.map((o) => [o.name, o.shape])).toEqual([
      ['filter01', [291, 218]],
      ['filter02', [291, 218]]
    ])
    expect(outputs[0]!.min).toBeLessThan(0)
    lab.picture.chosenKernels = []
    await settle()
    expect(lab.picture.filter.error).toBe('Choose a kernel (or type one) to filter the picture with.')
  })
})

describe('the Train form counts steps', () => {
  it('the Deep MNIST settings round-trip through the form', () => {
    const settings = defaultTrainingSettings({ ...DEEP_MNIST_SETTINGS })
    const form = formFromSettings(settings)
    expect(form).toMatchObject({
      length: 'steps',
      steps: 20000,
      periodic: true,
      evaluateEvery: 1000,
      evaluationImages: 2048
    })
    const checked = checkSettingsForm(form)
    expect(checked.ok && checked.settings).toEqual(settings)
    const epochs = checkSettingsForm({ ...form, length: 'epochs', periodic: false })
    expect(epochs.ok && [epochs.settings.steps, epochs.settings.evaluation]).toEqual([undefined, undefined])
    const bad = checkSettingsForm({ ...form, evaluateEvery: 0 })
    expect(bad.ok ? {} : bad.errors).toEqual({
      evaluateEvery: 'The evaluation interval must be at least 1 step.'
    })
  })

  it('keeps a smaller training sample (evaluation.trainImages) through the form, and leaves it unset otherwise', () => {
    const base = defaultTrainingSettings({ ...DEEP_MNIST_SETTINGS })
    const evaluation = { everySteps: 100, images: 10000, trainImages: 512 }
    const settings = defaultTrainingSettings({ ...DEEP_MNIST_SETTINGS, evaluation })
    const form = formFromSettings(settings)
    expect(form).toMatchObject({ separateTrainSample: true, evaluationTrainImages: 512 })
    const checked = checkSettingsForm(form)
    expect(checked.ok && checked.settings.evaluation).toEqual(evaluation)

    const plain = checkSettingsForm(formFromSettings(base))
    expect(plain.ok && plain.settings.evaluation).toEqual(base.evaluation)
    expect(plain.ok && 'trainImages' in (plain.settings.evaluation ?? {})).toBe(false)
    const switchedOff = checkSettingsForm({ ...form, separateTrainSample: false })
    expect(switchedOff.ok && switchedOff.settings.evaluation).toEqual({ everySteps: 100, images: 10000 })

    const bad = checkSettingsForm({ ...form, evaluationTrainImages: 0 })
    expect(bad.ok ? {} : bad.errors).toEqual({
      evaluationTrainImages: 'The evaluation needs at least 1 training image.'
    })
  })
})
