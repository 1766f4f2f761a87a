import * as tf from '@tensorflow/tfjs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTemplate, type NetworkSpec } from '../../../src/shared/network'
import { RunJson, type TrainingProgress } from '../../../src/shared/training'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { PeriodicEvaluator } from '../../../src/main/engine/training/periodicEvaluation'
import { readMetrics } from '../../../src/main/engine/training/runFolder'
import { startTraining } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
// 240 training, 80 validation and 80 test images: 15 batches of 16 per epoch.
const data = barsDataset(400)

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

describe('training for a number of steps', () => {
  it('stops at exactly that step, part-way through an epoch, measuring every N steps on fixed samples', async () => {
    const runDir = path.join(dir, 'steps')
    const events: TrainingProgress[] = []
    const run = await startTraining({
      ...tinyRun(runDir, data, { steps: 25, evaluation: { everySteps: 10, images: 64 } }),
      onProgress: (p) => events.push(p)
    })
    const final = await run.done
    expect(final).toMatchObject({ status: 'completed', step: 25, epochsCompleted: 2 })
    const onDisk = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
    expect(onDisk.settings).toMatchObject({ steps: 25, evaluation: { everySteps: 10, images: 64 } })
    expect(onDisk.final?.testAccuracy).not.toBeNull()

    const lines = await readMetrics(runDir)
    const evaluations = lines.flatMap((l) => (l.kind === 'evaluation' ? [l] : []))
    // Every 10 steps, and at the last step so the curve ends where training ends.
    expect(evaluations.map((e) => [e.step, e.epoch, e.trainImages, e.testImages])).toEqual([
      [10, 1, 64, 64],
      [20, 2, 64, 64],
      [25, 2, 64, 64]
    ])
    expect(lines.flatMap((l) => (l.kind === 'epoch' ? [[l.epoch, l.step]] : []))).toEqual([
      [1, 15],
      [2, 25]
    ])
    const periodic = events.flatMap((e) => (e.periodic ? [e.periodic] : []))
    expect(periodic.map((p) => p.step)).toEqual([10, 20, 25])
    expect(periodic[2]?.testAccuracy).toBe(evaluations[2]?.testAccuracy)
    expect(events.every((e) => e.steps === 25 && e.epochs === 2)).toBe(true)
    // The bars are easy: by step 25 the fixed samples are mostly right.
    expect(evaluations[2]!.trainAccuracy).toBeGreaterThan(0.8)
  })

  it('measures with dropout off: the same weights give the same figures, those of inference', async () => {
    const spec: NetworkSpec = {
      input: data.input,
      layers: [
        { type: 'flatten' },
        { type: 'dropout', rate: 0.9 },
        { type: 'dense', units: 2, activation: 'softmax', useBias: true }
      ]
    }
    const model = buildModel(spec)
    try {
      const evaluator = new PeriodicEvaluator(
        { everySteps: 1, images: 1000 },
        model,
        data,
        'probabilities',
        3
      )
      const first = await evaluator.measure(1, {})
      const second = await evaluator.measure(1, {})
      expect(second).toEqual(first)
      // All 240 training images (fewer than 1000), predicted as in inference.
      const predicted = tf.tidy(() => {
        const x = tf.tensor4d(
          Float32Array.from(data.pixels.subarray(0, 240 * 144), (v) => v / 255),
          [240, 12, 12, 1]
        )
        return Array.from((model.predict(x) as tf.Tensor).argMax(1).dataSync())
      })
      const right = predicted.filter((p, i) => p === data.labels[i]).length
      expect(first?.trainImages).toBe(240)
      expect(first?.trainAccuracy).toBeCloseTo(right / 240, 10)
    } finally {
      model.dispose()
    }
  })

  it('measures a smaller training sample when trainImages says so, the test sample staying whole', async () => {
    const spec: NetworkSpec = {
      input: data.input,
      layers: [{ type: 'flatten' }, { type: 'dense', units: 2, activation: 'softmax', useBias: true }]
    }
    const model = buildModel(spec)
    try {
      const evaluator = new PeriodicEvaluator(
        { everySteps: 1, images: 1000, trainImages: 17 },
        model,
        data,
        'probabilities',
        3
      )
      const figures = await evaluator.measure(1, {})
      expect(figures?.trainImages).toBe(17)
      expect(figures?.testImages).toBe(data.splits.test.length)
    } finally {
      model.dispose()
    }
  })

  it('takes --evaluation-train-images from the CLI, and refuses it without a cadence', async () => {
    const { settingsFrom } = await import('../../../src/main/cli/commands/trainFlags')
    const base = { json: false, help: false }
    const parsed = settingsFrom(
      { ...base, 'evaluate-every': '100', 'evaluation-images': '10000', 'evaluation-train-images': '500' },
      false
    )
    expect(parsed.ok && parsed.settings.evaluation).toEqual({
      everySteps: 100,
      images: 10000,
      trainImages: 500
    })
    expect(() => settingsFrom({ ...base, 'evaluation-train-images': '500' }, false)).toThrow(
      '--evaluation-train-images needs --evaluate-every STEPS'
    )
    const zero = settingsFrom({ ...base, 'evaluate-every': '10', 'evaluation-train-images': '0' }, false)
    expect(zero.ok ? [] : zero.errors).toEqual([
      'evaluation.trainImages: the evaluation needs at least 1 training image'
    ])
  })

  it('refuses both epochs and steps at once from the CLI, and an evaluation without its cadence', async () => {
    const { settingsFrom } = await import('../../../src/main/cli/commands/trainFlags')
    expect(() => settingsFrom({ epochs: '2', steps: '10', json: false, help: false }, false)).toThrow(
      'give --epochs or --steps, not both'
    )
    const preset = settingsFrom({ preset: 'deep-mnist', steps: '300', json: false, help: false }, false)
    expect(preset.ok && preset.settings).toMatchObject({
      steps: 300,
      batchSize: 32,
      optimizer: 'adam',
      learningRate: 1e-4,
      evaluation: { everySteps: 1000, images: 2048 },
      validateEachEpoch: false
    })
  })
})

describe('per-layer initializers', () => {
  const spec = (kernel?: object, bias?: object): NetworkSpec => ({
    input: { height: 12, width: 12, channels: 1 },
    layers: [
      {
        type: 'conv2d',
        filters: 16,
        kernelSize: [5, 5],
        strides: [1, 1],
        padding: 'same',
        activation: 'relu',
        useBias: true,
        ...(kernel ? { kernelInitializer: kernel } : {}),
        ...(bias ? { biasInitializer: bias } : {})
      } as NetworkSpec['layers'][number],
      { type: 'flatten' },
      { type: 'dense', units: 2, activation: 'softmax', useBias: true }
    ]
  })

  it('draws truncated normal kernels (σ 0.1, within 2σ) and constant biases when the spec asks, seeded', async () => {
    const { initializeWeights } = await import('../../../src/main/engine/training/seededInit')
    const read = (network: NetworkSpec, seed: number) => {
      const model = buildModel(network)
      initializeWeights(model, seed, network)
      const values = model.weights.map((w) => Array.from(w.read().dataSync()))
      model.dispose()
      return values
    }
    const lecture = spec({ type: 'truncatedNormal', stddev: 0.1 }, { type: 'constant', value: 0.1 })
    const [kernel, bias] = read(lecture, 5)
    expect(kernel).toHaveLength(5 * 5 * 16)
    expect(Math.max(...kernel!.map(Math.abs))).toBeLessThanOrEqual(0.2 + 1e-6)
    const mean = kernel!.reduce((a, b) => a + b, 0) / kernel!.length
    const sd = Math.sqrt(kernel!.reduce((a, b) => a + (b - mean) ** 2, 0) / kernel!.length)
    // A normal cut at 2σ has a standard deviation of 0.88σ.
    expect(sd).toBeGreaterThan(0.075)
    expect(sd).toBeLessThan(0.1)
    expect(bias).toEqual(Array(16).fill(Math.fround(0.1)))
    expect(read(lecture, 5)).toEqual(read(lecture, 5))
    expect(read(lecture, 6)[0]).not.toEqual(kernel)

    // Without initializers the kernels are Glorot-uniform (±√(6/(25 + 400)) here) and the biases zero, as before.
    const [plain, plainBias] = read(spec(), 5)
    expect(Math.max(...plain!.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / (25 + 400)))
    expect(plainBias).toEqual(Array(16).fill(0))
    const [he] = read(spec({ type: 'heNormal' }, { type: 'zeros' }), 5)
    expect(Math.max(...he!.map(Math.abs))).toBeLessThanOrEqual(2 * Math.sqrt(2 / 25) + 1e-6)
  })

  it('builds tfjs layers with the same initializers, so a saved model.json names them', () => {
    const model = buildModel(spec({ type: 'truncatedNormal', stddev: 0.1 }, { type: 'constant', value: 0.1 }))
    const config = model.layers[0]!.getConfig() as Record<string, { className: string; config: object }>
    expect(config.kernelInitializer).toMatchObject({ className: 'TruncatedNormal', config: { stddev: 0.1 } })
    expect(config.biasInitializer).toMatchObject({ className: 'Constant', config: { value: 0.1 } })
    model.dispose()
  })

  it('the softmax-regression template is flatten → dense softmax', () => {
    expect(buildTemplate('softmax-regression', { height: 28, width: 28, channels: 1 }, 10).layers).toEqual([
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax', useBias: true }
    ])
  })
})
