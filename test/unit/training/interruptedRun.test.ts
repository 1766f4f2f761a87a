import { spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RunJson } from '../../../src/shared/training'
import { latestCheckpoint } from '../../../src/main/engine/training/checkpoint'
import { listRuns, readRunJson } from '../../../src/main/engine/training/runFolder'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { resumeTraining, startTraining } from '../../../src/main/engine/training/trainingRun'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
const data = barsDataset(200)

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

/**
 * The folder a kill -9 leaves when it lands between the epoch-2 checkpoint and run.json's rewrite, in the
 * middle of an atomic write of run.json and of the epoch-3 checkpoint: run.json still says epoch 1 and
 * `running` with the dead process's pid, next to a run.json.<n> temp file and a .partial- folder.
 */
async function killedFolder(runDir: string): Promise<void> {
  const finished = await (await startTraining(tinyRun(runDir, data, { epochs: 2 }))).done
  expect(finished.status).toBe('completed')
  const firstCheckpoint = JSON.parse(
    await readFile(path.join(runDir, 'checkpoints', 'epoch-00001', 'state.json'), 'utf8')
  ) as { step: number }
  const deadPid = spawnSync(process.execPath, ['-e', '']).pid
  const stale: RunJson = {
    ...finished,
    status: 'running',
    epochsCompleted: 1,
    step: firstCheckpoint.step,
    final: null,
    pid: deadPid,
    settings: { ...finished.settings, epochs: 3 }
  }
  await writeFile(path.join(runDir, 'run.json'), JSON.stringify(stale))
  await writeFile(path.join(runDir, 'run.json.3197302714'), '{"version":1,"id":')
  await writeFile(path.join(runDir, 'metrics.jsonl.12ab'), '')
  const partial = path.join(runDir, 'checkpoints', `.partial-epoch-00003-${deadPid}-1700000000000-abc123`)
  await mkdir(partial)
  await writeFile(path.join(partial, 'weights.bin'), new Uint8Array(1000))
}

const leftovers = async (runDir: string): Promise<string[]> =>
  [...(await readdir(runDir)), ...(await readdir(path.join(runDir, 'checkpoints')))].filter(
    (n) => n.startsWith('.') || /\.(json|jsonl)\.[0-9a-f]+$/.test(n)
  )

it('tidies a killed run on the next open and brings run.json up to its last checkpoint', async () => {
  const runDir = path.join(dir, 'killed')
  await killedFolder(runDir)
  expect(await leftovers(runDir)).toHaveLength(3)

  const opened = await readRunJson(runDir)
  expect(opened).toMatchObject({ status: 'interrupted', epochsCompleted: 2 })
  expect(opened.step).toBe((await latestCheckpoint(runDir))?.state.step)
  expect(await leftovers(runDir)).toEqual([])
  // The file itself now says so, for anyone who reads it without the app.
  const onDisk = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(onDisk).toMatchObject({ status: 'interrupted', epochsCompleted: 2 })

  const resumed = await (await resumeTraining(runDir, data)).done
  expect(resumed).toMatchObject({ status: 'completed', epochsCompleted: 3 })
})

it('tidies a killed run when the runs are listed, and when it is resumed', async () => {
  const listed = path.join(dir, 'runs', 'listed')
  await killedFolder(listed)
  const [found] = await listRuns(path.join(dir, 'runs'))
  expect(found?.run).toMatchObject({ status: 'interrupted', epochsCompleted: 2 })
  expect(await leftovers(listed)).toEqual([])

  const resumedDir = path.join(dir, 'resumed')
  await killedFolder(resumedDir)
  const resumed = await (await resumeTraining(resumedDir, data)).done
  expect(resumed).toMatchObject({ status: 'completed', epochsCompleted: 3 })
  expect(await leftovers(resumedDir)).toEqual([])
})
