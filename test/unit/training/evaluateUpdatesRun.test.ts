import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runEvaluate } from '../../../src/main/cli/commands/evaluate'
import { openDataset } from '../../../src/main/engine/dataset/openDataset'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { startTraining, type TrainingRun } from '../../../src/main/engine/training/trainingRun'
import { EvaluationJson, RunJson } from '../../../src/shared/training'
import { writeBarsFolder } from './barsFolder'
import { tempDir, tinyRun } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

it('evaluate RUN_DIR fills in the test figures a skipped evaluation left empty, and drops its warning', async () => {
  // 300 test images: two evaluation batches, so a stop after the first skips the rest.
  const bars = await writeBarsFolder(path.join(dir, 'bars'), 3000)
  const cacheDir = path.join(dir, 'cache')
  const data = await openDataset({ kind: 'folder', path: bars }, {}, { cacheDir })
  const runDir = path.join(dir, 'run')
  let run: TrainingRun | null = null
  run = await startTraining({
    ...tinyRun(runDir, data, { epochs: 1 }),
    source: { kind: 'folder', path: bars },
    // Skip the final evaluation as the Train room's button and Ctrl+C do.
    onProgress: (p) => p.evaluation && p.evaluation.done < p.evaluation.total && run?.stop()
  })
  const skipped = await run.done
  expect(skipped.final?.testAccuracy).toBeNull()
  expect(skipped.warnings.join(' ')).toMatch(/evaluation of the final weights was skipped/)

  process.env.CNN_WORKBENCH_CACHE_DIR = cacheDir
  let printed = ''
  const io = {
    stdout: (s: string) => void (printed += s),
    stderr: (s: string) => void (printed += s),
    interactive: false
  }
  expect(await runEvaluate([runDir], io), printed).toBe(0)
  delete process.env.CNN_WORKBENCH_CACHE_DIR

  const evaluation = EvaluationJson.parse(
    JSON.parse(await readFile(path.join(runDir, 'evaluation.json'), 'utf8'))
  )
  const updated = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(evaluation.accuracy).toBeGreaterThan(0.9)
  expect(updated.final?.testAccuracy).toBe(evaluation.accuracy)
  expect(updated.final?.testLoss).toBe(evaluation.loss)
  expect(updated.final?.trainAccuracy).toBe(skipped.final?.trainAccuracy)
  expect(updated.warnings.join(' ')).not.toMatch(/skipped/)
  expect(updated.status).toBe('completed')
})
