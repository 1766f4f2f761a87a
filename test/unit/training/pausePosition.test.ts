import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrainingProgress } from '../../../src/shared/training'
import { startTraining, type TrainingRun } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun, until } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

it('pausing keeps the position in the epoch, and resuming carries on from it', async () => {
  const events: TrainingProgress[] = []
  let run: TrainingRun | null = null
  let pausedAfter: TrainingProgress | null = null
  run = await startTraining({
    ...tinyRun(path.join(dir, 'pause'), barsDataset(400), { epochs: 3, batchSize: 16 }),
    progressIntervalMs: 0,
    onProgress: (p) => {
      events.push(p)
      // Pause in the middle of the second epoch, as a person would from the Train room.
      if (!pausedAfter && p.epoch === 2 && p.batch === 5 && p.batchLoss !== null) {
        pausedAfter = p
        run?.pause()
      }
    }
  })
  await until(() => events.some((e) => e.state === 'paused'), 'the pause')
  const paused = events.find((e) => e.state === 'paused')!
  expect([paused.epoch, paused.batch, paused.batchesPerEpoch]).toEqual([2, 5, pausedAfter!.batchesPerEpoch])
  expect(paused.step).toBe(pausedAfter!.step)

  run.resume()
  const final = await run.done
  expect(final.status).toBe('completed')
  const after = events.slice(events.indexOf(paused) + 1)
  expect(after[0]).toMatchObject({ state: 'running', epoch: 2, batch: 5 })
  // The next batch trained is the sixth of the same epoch: nothing is trained twice.
  const next = after.find((e) => e.batchLoss !== null)!
  expect([next.epoch, next.batch, next.step]).toEqual([2, 6, paused.step + 1])
  const steps = events.filter((e) => e.batchLoss !== null).map((e) => e.step)
  expect(steps).toEqual(steps.map((_, i) => i + 1))
})
