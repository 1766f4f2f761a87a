import * as tf from '@tensorflow/tfjs'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportRun } from '../../../src/main/engine/export/exportRun'
import { recoverInterruptedExport } from '../../../src/main/engine/export/exportFolder'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from './exportFixtures'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'exportChild.ts')
// Large enough (13 MB of weights) that writing them takes a moment to interrupt.
const SPEC = buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 3)
const CLASSES = ['a', 'b', 'c']

let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  await tf.setBackend('cpu')
  ;({ dir, cleanup } = await tempDir('cw-atomic-'))
  for (const [name, seed] of [
    ['run-old', 1],
    ['run-new', 2]
  ] as const) {
    ;(await writeTestRun(path.join(dir, name), SPEC, CLASSES, seed)).dispose()
  }
})

afterAll(async () => {
  await cleanup()
})

async function folderBytes(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of (await readdir(folder)).sort())
    out[name] = (await readFile(path.join(folder, name))).toString('base64')
  return out
}

/** Starts an export in a child process and SIGKILLs it once weights.bin is being written into the temp folder. */
async function killMidExport(runDir: string, target: string): Promise<{ sawPartial: boolean; pid: number }> {
  const parent = path.dirname(target)
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, runDir, 'tfjs', target], {
    stdio: 'ignore'
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let sawPartial = false
  let done = false
  void exited.then(() => (done = true))
  const prefix = `.${path.basename(target)}.tmp-`
  while (!done) {
    const temp = readdirSync(parent).find((n) => n.startsWith(prefix))
    if (temp && existsSync(path.join(parent, temp, 'weights.bin'))) {
      sawPartial = true
      child.kill('SIGKILL')
      break
    }
    await new Promise((r) => setImmediate(r))
  }
  await exited
  return { sawPartial, pid: child.pid ?? -1 }
}

describe('exports are replaced atomically', () => {
  it('a process killed while writing leaves the earlier export intact, and the next export cleans up after it', async () => {
    const target = path.join(dir, 'exports', 'digits')
    await exportRun(path.join(dir, 'run-old'), 'tfjs', target)
    const before = await folderBytes(target)

    const { sawPartial } = await killMidExport(path.join(dir, 'run-new'), target)
    expect(sawPartial).toBe(true)
    expect(await folderBytes(target)).toEqual(before)
    // The killed writer's temp folder is still there…
    expect((await readdir(path.dirname(target))).some((n) => n.startsWith('.digits.tmp-'))).toBe(true)

    // …until the next export, which completes and leaves nothing else behind.
    const result = await exportRun(path.join(dir, 'run-new'), 'tfjs', target)
    expect(await readdir(path.dirname(target))).toEqual(['digits'])
    const newWeights = await readFile(path.join(dir, 'run-new', 'model', 'weights.bin'))
    expect((await readFile(path.join(target, 'weights.bin'))).equals(newWeights)).toBe(true)
    expect(result.files.find((f) => f.path.endsWith('weights.bin'))?.bytes).toBe(newWeights.length)
  }, 120_000)

  it('an old export that had stepped aside when its writer died is put back', async () => {
    const target = path.join(dir, 'exports', 'restored')
    await exportRun(path.join(dir, 'run-old'), 'onnx', target)
    const before = await folderBytes(target)
    // What a writer killed between its two renames leaves: the old export aside, nothing at the target.
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => dead.on('exit', resolve))
    await rename(target, path.join(dir, 'exports', `.restored.old-${dead.pid}-x-y`))
    expect(existsSync(target)).toBe(false)

    await recoverInterruptedExport(target)
    expect(await folderBytes(target)).toEqual(before)
    expect((await readdir(path.join(dir, 'exports'))).filter((n) => n.startsWith('.restored'))).toEqual([])
  })

  it('refuses to replace a folder that is not an earlier export', async () => {
    const target = path.join(dir, 'my-documents')
    await mkdir(target)
    await writeFile(path.join(target, 'thesis.txt'), 'precious')
    await expect(exportRun(path.join(dir, 'run-old'), 'tfjs', target)).rejects.toThrow(
      /not an earlier export/
    )
    expect(await readFile(path.join(target, 'thesis.txt'), 'utf8')).toBe('precious')
    expect((await readdir(dir)).filter((n) => n.startsWith('.my-documents'))).toEqual([])
  })
})
