import { readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTrain } from '../../../src/main/cli/commands/train'
import { listRuns, readMetrics } from '../../../src/main/engine/training/runFolder'
import { startTraining } from '../../../src/main/engine/training/trainingRun'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun } from './trainingRunHelpers'

/*
 * `cnn-workbench train --import DIR`: a finished run folder from elsewhere joins a runs folder, checked
 * first; anything else is refused with one sentence and nothing is written.
 */

let dir = ''
let cleanup: () => Promise<void> = async () => {}
let source = ''

function capture() {
  const out = { stdout: '', stderr: '' }
  const io = {
    stdout: (s: string) => void (out.stdout += s),
    stderr: (s: string) => void (out.stderr += s),
    interactive: false
  }
  return { out, io }
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  source = path.join(dir, 'elsewhere', 'trained')
  const run = await startTraining(tinyRun(source, barsDataset(64, 8), { epochs: 1 }))
  expect((await run.done).status).toBe('completed')
})
afterAll(() => cleanup())

describe('train --import', () => {
  it('copies a finished run into the runs folder, under a free name the second time', async () => {
    const runs = path.join(dir, 'runs')
    const first = capture()
    expect(await runTrain(['--import', source, '--runs', runs], first.io)).toBe(0)
    expect(first.out.stdout).toMatch(/was imported into/)
    const second = capture()
    expect(await runTrain(['--import', source, '--runs', runs, '--json'], second.io)).toBe(0)
    const listed = (await listRuns(runs)).map((r) => r.run.id).sort()
    expect(listed).toEqual(['trained', 'trained-2'])
    expect((JSON.parse(second.out.stdout) as { id: string }).id).toBe('trained-2')
    expect((await readMetrics(path.join(runs, 'trained'))).length).toBeGreaterThan(0)
    expect((await readdir(path.join(runs, 'trained', 'model'))).sort()).toEqual(['model.json', 'weights.bin'])
  })

  it('refuses a folder that is not a run, and a run whose weights do not fit its network', async () => {
    const runs = path.join(dir, 'refused')
    const notRun = capture()
    expect(await runTrain(['--import', path.join(dir, 'elsewhere'), '--runs', runs], notRun.io)).toBe(1)
    expect(notRun.out.stderr).toMatch(/is not a run folder: it has no run.json\.\n$/)
    expect(notRun.out.stderr.trim().split('\n')).toHaveLength(1)

    await writeFile(path.join(source, 'model', 'weights.bin'), Buffer.alloc(12))
    const broken = capture()
    expect(await runTrain(['--import', source, '--runs', runs], broken.io)).toBe(1)
    expect(broken.out.stderr).toMatch(/no usable trained model/)
    await rm(path.join(source, 'model'), { recursive: true })
    const untrained = capture()
    expect(await runTrain(['--import', source, '--runs', runs], untrained.io)).toBe(1)
    expect(await readdir(runs).catch(() => [])).toEqual([])
  })
})
