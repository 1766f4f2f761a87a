import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moveRunFolder } from '../../../src/main/engine/project/moveRunFolder'

const roots: string[] = []
const temp = async (base: string): Promise<string> => {
  const dir = await mkdtemp(path.join(base, 'move-run-'))
  roots.push(dir)
  return dir
}

/** A run folder with a nested checkpoint and a leftover of an interrupted write. */
async function runFolder(parent: string): Promise<string> {
  const run = path.join(parent, 'r1')
  await mkdir(path.join(run, 'checkpoints', 'epoch-00001'), { recursive: true })
  await mkdir(path.join(run, 'checkpoints', '.partial-epoch-00002'))
  await writeFile(path.join(run, 'run.json'), '{"id":"r1"}')
  await writeFile(path.join(run, 'checkpoints', 'epoch-00001', 'weights.bin'), Buffer.alloc(4096, 7))
  return run
}

let from: string
beforeEach(async () => {
  from = await temp(os.tmpdir())
})
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })))
})

describe('moving a run folder into a project', () => {
  it('moves it whole within one file system', async () => {
    const run = await runFolder(from)
    const to = path.join(await temp(os.tmpdir()), 'r1')
    await moveRunFolder(run, to)
    expect(existsSync(run)).toBe(false)
    expect(await readFile(path.join(to, 'run.json'), 'utf8')).toBe('{"id":"r1"}')
  })

  // /dev/shm is a tmpfs: a rename from the disk fails with EXDEV and the copy path is taken.
  it.runIf(existsSync('/dev/shm'))('copies it across file systems, then removes the original', async () => {
    const run = await runFolder(from)
    const projectRuns = await temp('/dev/shm')
    const to = path.join(projectRuns, 'r1')
    await moveRunFolder(run, to)
    expect(existsSync(run)).toBe(false)
    expect((await readFile(path.join(to, 'checkpoints', 'epoch-00001', 'weights.bin'))).length).toBe(4096)
    expect(await readdir(path.join(to, 'checkpoints'))).toEqual(['epoch-00001'])
    expect(await readdir(projectRuns)).toEqual(['r1'])
  })

  it('refuses to overwrite a run of the same name and leaves both as they were', async () => {
    const run = await runFolder(from)
    const to = path.join(await temp(os.tmpdir()), 'r1')
    await mkdir(to)
    await writeFile(path.join(to, 'run.json'), 'other')
    await expect(moveRunFolder(run, to)).rejects.toThrow(/already exists/)
    expect(await readFile(path.join(to, 'run.json'), 'utf8')).toBe('other')
    expect(existsSync(path.join(run, 'run.json'))).toBe(true)
  })
})
