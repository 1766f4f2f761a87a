import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readMetrics } from '../../../src/main/engine/training/runFolder'
import { resumeTraining, startTraining } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { TrainingProgress, TrainingSettingsInput } from '../../../src/shared/training'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
// 240 training images: 15 batches of 16 per epoch, so 40 steps end part-way through epoch 3.
const data = barsDataset(400)
const settings: TrainingSettingsInput = {
  steps: 40,
  evaluation: { everySteps: 10, images: 64 },
  optimizer: 'adam',
  learningRate: 0.005,
  seed: 5
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

it('a run trained by steps, stopped and resumed, counts on from its checkpoint and ends at its steps', async () => {
  const whole = path.join(dir, 'whole')
  expect((await (await startTraining(tinyRun(whole, data, settings))).done).status).toBe('completed')

  // Stopped at step 20, in epoch 2: the last checkpoint is epoch 1's, at step 15.
  const broken = path.join(dir, 'broken')
  const first = await startTraining({
    ...tinyRun(broken, data, settings),
    progressIntervalMs: 0,
    onProgress: (p) => {
      if (p.periodic?.step === 20) first.stop()
    }
  })
  expect((await first.done).status).toBe('stopped')

  const events: TrainingProgress[] = []
  const resumed = await resumeTraining(broken, data, { onProgress: (p) => events.push(p) })
  expect(await resumed.done).toMatchObject({ status: 'completed', step: 40, epochsCompleted: 3 })
  // The count goes on from the checkpoint's step, not from 0, towards the same 40 steps.
  const firstStep = events.find((e) => e.batch > 0)
  expect(firstStep).toMatchObject({ epoch: 2, steps: 40 })
  expect(firstStep!.step).toBeGreaterThan(15)
  expect(events.flatMap((e) => (e.periodic ? [e.periodic.step] : []))).toEqual([20, 30, 40])

  // metrics.jsonl reads as one run: every measurement and every epoch once, in order.
  const lines = await readMetrics(broken)
  expect(lines.flatMap((l) => (l.kind === 'evaluation' ? [l.step] : []))).toEqual([10, 20, 30, 40])
  expect(lines.flatMap((l) => (l.kind === 'epoch' ? [[l.epoch, l.step]] : []))).toEqual([
    [1, 15],
    [2, 30],
    [3, 40]
  ])
  // Without dropout, the resumed run ends with the very weights of the uninterrupted one.
  const weights = (run: string): Promise<Buffer> => readFile(path.join(run, 'model', 'weights.bin'))
  expect((await weights(broken)).equals(await weights(whole))).toBe(true)
})
