// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import {
  DEEP_MNIST_SETTINGS,
  deepMnistNetwork,
  defaultTrainingSettings,
  type MetricsLine
} from '../../src/shared/training'
import { curvesFromMetrics } from '../../src/renderer/src/domain/train/curveSeries'
import LectureComparison from '../../src/renderer/src/components/train/LectureComparison.vue'
import RunList from '../../src/renderer/src/components/train/RunList.vue'
import TrainProgress from '../../src/renderer/src/components/train/TrainProgress.vue'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { fakeTrainingEngine, network, progress, runJson } from './trainingEngineFake'

const { bus, runs } = fakeTrainingEngine()

/** The Deep MNIST recipe cut to 300 steps, measured every 100 on 512 images. */
const settings = defaultTrainingSettings({
  ...DEEP_MNIST_SETTINGS,
  steps: 300,
  evaluation: { everySteps: 100, images: 512 }
})
const sample = (step: number, testAccuracy: number) => ({
  step,
  trainLoss: 0.3,
  trainAccuracy: testAccuracy - 0.01,
  testLoss: 0.28,
  testAccuracy,
  trainImages: 512,
  testImages: 512
})
/** 300 steps of 32 images: 1,875 batches an epoch, so the whole run is inside epoch 1. */
const stepEvent = (step: number, over = {}) =>
  progress({ step, steps: 300, epoch: 1, epochs: 1, batch: step, batchesPerEpoch: 1875, ...over })

describe('a run trained by steps in the Train room', () => {
  it('draws its curves over iterations, with the periodic measurements at their steps', async () => {
    const store = useTrainingStore()
    store.setSettings(settings)
    expect(await store.start(network, null)).toBe(true)
    expect(store.live.axis).toBe('step')
    bus.emit('training.progress', stepEvent(50, { batchLoss: 0.9 }))
    bus.emit('training.progress', stepEvent(100, { periodic: sample(100, 0.81) }))
    bus.emit('training.progress', stepEvent(150, { batchLoss: 0.5 }))
    bus.emit('training.progress', stepEvent(200, { periodic: sample(200, 0.9) }))
    const { curves } = store.live
    expect(curves.batchLoss.points.map((p) => p.x)).toEqual([50, 150])
    expect(curves.sampleTestAccuracy).toEqual([
      { x: 100, y: 0.81 },
      { x: 200, y: 0.9 }
    ])
    expect(curves.sampleTrainAccuracy.map((p) => p.x)).toEqual([100, 200])

    // A run's metrics file gives the same points when its curves are read back (an overlay, a reload).
    const lines: MetricsLine[] = [
      { kind: 'batch', epoch: 1, step: 50, loss: 0.9, accuracy: 0.5 },
      { kind: 'evaluation', epoch: 1, ...sample(100, 0.81) },
      { kind: 'evaluation', epoch: 1, ...sample(200, 0.9) }
    ]
    expect(curvesFromMetrics(lines, 'step').curves.sampleTestAccuracy).toEqual(curves.sampleTestAccuracy)
  })

  it('counts in steps on the progress bar, and in the run list, where a run stopped short can continue', async () => {
    const store = useTrainingStore()
    store.setSettings(settings)
    await store.start(network, null)
    const bar = mount(TrainProgress)
    bus.emit('training.progress', stepEvent(150))
    await flushPromises()
    expect(bar.get('[data-testid="progress-label"]').text()).toBe('step 150/300, batch 150/1875 of epoch 1/1')
    expect((bar.get('progress').element as HTMLProgressElement).value).toBeCloseTo(0.5)
    bar.unmount()

    runs.splice(0, runs.length, { ...runJson('run-1', 'stopped', settings), step: 150 })
    runs.push({ ...runJson('run-0', 'completed', defaultTrainingSettings()), epochsCompleted: 2 })
    await store.refreshRuns()
    const list = mount(RunList)
    const rows = list.findAll('[data-testid="run-row"]')
    expect(rows.map((r) => r.get('[data-testid="run-status"] .hint').text())).toEqual([
      '150/300 steps',
      '2/5 epochs'
    ])
    expect(rows[0]!.text()).toContain('300 steps · bs 32 · Adam 1.00e-4')
    expect(rows[0]!.find('[data-testid="run-continue"]').exists()).toBe(true)
    expect(rows[1]!.find('[data-testid="run-continue"]').exists()).toBe(false)
    list.unmount()
  })

  it("puts the final whole-test-set accuracy beside the lecture's 0.9915", async () => {
    const store = useTrainingStore()
    store.setSettings(settings)
    await store.start(network, null)
    const mnist = runJson('run-1', 'completed', settings)
    const input = { height: 28, width: 28, channels: 1 as const }
    // The engine says the run has ended with its record, the one source of a run's state.
    const finished = {
      ...mnist,
      network: deepMnistNetwork(input, 10),
      dataset: {
        source: { kind: 'mnist' },
        options: {},
        input,
        classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        counts: { train: 54000, val: 6000, test: 10000 }
      },
      step: 300,
      final: {
        trainLoss: 0.25,
        trainAccuracy: 0.93,
        valLoss: null,
        valAccuracy: null,
        bestEpoch: null,
        testAccuracy: 0.94567,
        testLoss: 0.2,
        imagesPerSecond: 40
      }
    }
    bus.emit('training.run', finished)
    await flushPromises()
    const panel = mount(LectureComparison)
    expect(panel.get('[data-testid="run-test-accuracy"]').text()).toBe('0.9457')
    expect(panel.get('[data-testid="lecture-test-accuracy"]').text()).toBe('0.9915')
    expect(panel.text()).toContain('all 10,000 test images')
    expect(panel.text()).toContain('300 of 300 steps trained')
    panel.unmount()

    // Another recipe (here SGD) is not the lecture's run: nothing is put beside it.
    bus.emit('training.run', { ...finished, settings: { ...settings, optimizer: 'sgd' as const } })
    const other = mount(LectureComparison)
    expect(other.find('[data-testid="lecture-comparison"]').exists()).toBe(false)
    other.unmount()
  })
})
