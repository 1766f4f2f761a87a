import * as tf from '@tensorflow/tfjs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EvaluationJson, MetricsLine, RunJson, type TrainingProgress } from '../../../src/shared/training'
import { BestWeights } from '../../../src/main/engine/training/earlyStopping'
import { readMetrics, readRunJson } from '../../../src/main/engine/training/runFolder'
import { resumeTraining, startTraining } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { barsDataset } from './syntheticData'
import { maxAbsDifference, savedWeights, tempDir, tinyRun, until } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
const data = barsDataset(400)

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

it('trains the tiny network on bars to over 90% validation accuracy, with a run folder that matches the schema', async () => {
  const runDir = path.join(dir, 'learns')
  const epochEnds: TrainingProgress[] = []
  const started = performance.now()
  const run = await startTraining({
    ...tinyRun(runDir, data),
    onProgress: (p) => p.epochEnd && epochEnds.push(p)
  })
  const final = await run.done
  expect((performance.now() - started) / 1000).toBeLessThan(20)

  expect(final.status).toBe('completed')
  expect(epochEnds.at(-1)?.epochEnd?.valAccuracy).toBeGreaterThan(0.9)
  const onDisk = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(onDisk).toMatchObject({ status: 'completed', epochsCompleted: 4, backend: { name: 'wasm' } })
  expect(onDisk.final?.testAccuracy).toBeGreaterThan(0.9)
  expect(onDisk.final?.valAccuracy).toBeGreaterThan(0.9)
  expect(onDisk.final?.trainAccuracy).toBeGreaterThan(0.9)
  expect(onDisk.final?.imagesPerSecond).toBeGreaterThan(0)
  expect(onDisk.backend?.attempts.map((a) => a.name)).toContain('wasm')

  const evaluation = EvaluationJson.parse(
    JSON.parse(await readFile(path.join(runDir, 'evaluation.json'), 'utf8'))
  )
  expect(evaluation.split).toBe('test')
  expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(data.splits.test.length)
  expect(evaluation.accuracy).toBe(onDisk.final?.testAccuracy)
  const lines = (await readFile(path.join(runDir, 'metrics.jsonl'), 'utf8')).trim().split('\n')
  const epochs = lines.map((l) => MetricsLine.parse(JSON.parse(l))).filter((l) => l.kind === 'epoch')
  expect(epochs.map((l) => l.epoch)).toEqual([1, 2, 3, 4])
})

it('keeps the tensor count flat over 5 epochs and frees everything at the end', async () => {
  const before = tf.memory().numTensors
  const counts: number[] = []
  const messages: string[] = []
  const run = await startTraining({
    ...tinyRun(path.join(dir, 'memory'), data, {
      epochs: 5,
      optimizer: 'momentum',
      schedule: { type: 'step', every: 2, factor: 0.5 },
      weightDecay: 1e-4,
      earlyStopping: { enabled: true, patience: 10 }
    }),
    onProgress: (p) => {
      if (p.epochEnd) counts.push(p.memory.numTensors)
      if (p.message) messages.push(p.message)
    }
  })
  const final = await run.done
  expect(final.status).toBe('completed')
  expect(counts).toHaveLength(5)
  expect(new Set(counts).size).toBe(1)
  expect(messages).toEqual([])
  expect(final.warnings).toEqual([])
  expect(tf.memory().numTensors).toBe(before)
})

it('resumes a stopped run to the same weights as an uninterrupted run with the same seed', async () => {
  const augment = { ops: [{ type: 'flip' as const, direction: 'horizontal' as const, probability: 0.5 }] }
  const settings = { epochs: 4, seed: 42, augment: true, schedule: { type: 'cosine' as const } }
  const whole = await startTraining({ ...tinyRun(path.join(dir, 'whole'), data, settings), augment })
  expect((await whole.done).status).toBe('completed')

  const broken = path.join(dir, 'broken')
  let stopAt = -1
  const first = await startTraining({
    ...tinyRun(broken, data, settings),
    augment,
    progressIntervalMs: 0,
    // Stop in the middle of epoch 3: epochs 1-2 are checkpointed, the part of 3 is thrown away.
    onProgress: (p) => {
      if (p.epoch === 3 && p.batch === 5 && stopAt < 0) {
        stopAt = p.step
        first.stop()
      }
    }
  })
  const stopped = await first.done
  expect(stopped.status).toBe('stopped')
  expect(stopped.step).toBe(stopAt)
  expect((await readRunJson(broken)).status).toBe('stopped')

  const resumed = await resumeTraining(broken, data)
  const final = await resumed.done
  expect(final).toMatchObject({ status: 'completed', epochsCompleted: 4 })
  const a = await savedWeights(path.join(dir, 'whole', 'model'))
  const b = await savedWeights(path.join(broken, 'model'))
  expect(a.length).toBeGreaterThan(100)
  expect(maxAbsDifference(a, b)).toBeLessThan(1e-5)
  const epochLines = (await readMetrics(broken)).filter((l) => l.kind === 'epoch').map((l) => l.epoch)
  expect(epochLines).toEqual([1, 2, 3, 4])
})

it('pauses between batches and continues on resume', async () => {
  const runDir = path.join(dir, 'paused')
  const states: string[] = []
  let lastStep = 0
  const run = await startTraining({
    ...tinyRun(runDir, data, { epochs: 2 }),
    progressIntervalMs: 0,
    onProgress: (p) => {
      states.push(p.state)
      lastStep = p.step
      if (p.step === 3 && p.batchLoss !== null) run.pause()
    }
  })
  await until(() => states.at(-1) === 'paused', 'the pause')
  const pausedAt = lastStep
  expect(pausedAt).toBe(3)
  expect((await readRunJson(runDir)).status).toBe('paused')
  // Many turns of the event loop, in each of which a running loop would take a step (it yields between
  // two batches): a paused one takes none.
  for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve))
  expect(lastStep).toBe(pausedAt)
  run.resume()
  const final = await run.done
  expect(final).toMatchObject({ status: 'completed', epochsCompleted: 2 })
  expect(final.step).toBe(2 * Math.ceil(data.splits.train.length / 16))
})

it('stops within one batch of the request', async () => {
  let seenStep = 0
  const run = await startTraining({
    ...tinyRun(path.join(dir, 'stopped'), data, { epochs: 50 }),
    progressIntervalMs: 0,
    onProgress: (p) => (seenStep = p.step)
  })
  await until(() => seenStep >= 2, 'two steps')
  const requestedAt = seenStep
  run.stop()
  const final = await run.done
  expect(final.status).toBe('stopped')
  expect(final.step - requestedAt).toBeLessThanOrEqual(1)
  expect(final.step).toBeGreaterThan(0)
  expect(final.final?.testAccuracy).not.toBeNull()
})

it('early stopping gives up after `patience` epochs without a better validation loss and restores the best weights', () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2 })] })
  const best = new BestWeights(model, 2)
  const kernel = (): number[] => Array.from(model.weights[0]!.read().dataSync())
  const setKernel = (value: number): void => {
    const t = tf.fill([2, 2], value)
    model.weights[0]!.write(t)
    t.dispose()
  }
  setKernel(1)
  expect(best.update(1, 0.5)).toBe(false)
  setKernel(2)
  expect(best.update(2, 0.7)).toBe(false)
  setKernel(3)
  expect(best.update(3, 0.6)).toBe(true)
  expect(best.state).toEqual({ bestValLoss: 0.5, bestEpoch: 1, epochsWithoutImprovement: 2 })
  expect(best.restore()).toBe(true)
  expect(kernel()).toEqual([1, 1, 1, 1])
  best.dispose()
  model.dispose()
})

it('reports the final evaluation as it goes, and a stop during it skips it but keeps the trained model', async () => {
  const big = barsDataset(3000)
  const tested = big.splits.test.length
  const seen: Array<NonNullable<TrainingProgress['evaluation']>> = []
  const evaluated = await startTraining({
    ...tinyRun(path.join(dir, 'evaluated'), big, { epochs: 1 }),
    onProgress: (p) => p.evaluation && seen.push(p.evaluation)
  })
  expect((await evaluated.done).final?.testAccuracy).toBeGreaterThan(0.9)
  expect(seen.length).toBeGreaterThanOrEqual(1)
  expect(seen.at(-1)).toEqual({ split: 'test', done: tested, total: tested })

  const runDir = path.join(dir, 'skipped')
  let skipping: Awaited<ReturnType<typeof startTraining>> | null = null
  const skipRequestedAt: number[] = []
  skipping = await startTraining({
    ...tinyRun(runDir, big, { epochs: 1 }),
    onProgress: (p) => {
      if (!p.evaluation || skipRequestedAt.length > 0) return
      skipRequestedAt.push(p.evaluation.done)
      skipping?.stop()
    }
  })
  const final = await skipping.done
  expect(skipRequestedAt[0]).toBeLessThan(tested)
  expect(final.status).toBe('completed')
  expect(final.epochsCompleted).toBe(1)
  expect(final.final?.testAccuracy).toBeNull()
  expect(final.final?.trainAccuracy).toBeGreaterThan(0.9)
  expect(final.warnings.join(' ')).toMatch(
    /evaluation of the final weights was skipped.*cnn-workbench evaluate/
  )
  await expect(readFile(path.join(runDir, 'evaluation.json'), 'utf8')).rejects.toThrow(/ENOENT/)
  expect((await savedWeights(path.join(runDir, 'model'))).length).toBeGreaterThan(0)
})
