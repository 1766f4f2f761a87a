import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../src/main/cli/main'
import { ImportReport } from '../../../src/shared/datasetSchemas'
import { runCliProcess, type CliResult } from '../../support/runCli'

let dir: string

async function png(file: string, value: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await sharp({
    create: { width: 20, height: 20, channels: 3, background: { r: value, g: value, b: value } }
  })
    .png()
    .toFile(file)
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cli-inspect-'))
  for (let i = 0; i < 10; i++) await png(path.join(dir, 'shapes', 'cat', `c${i}.png`), i * 20)
  for (let i = 0; i < 10; i++) await png(path.join(dir, 'shapes', 'dog', `d${i}.png`), 255 - i * 20)
  await writeFile(path.join(dir, 'shapes', 'dog', 'broken.png'), 'not an image at all')
  await mkdir(path.join(dir, 'lonely', 'only-class'), { recursive: true })
  await png(path.join(dir, 'lonely', 'only-class', 'a.png'), 10)
})

afterAll(async () => rm(dir, { recursive: true, force: true }))

const env = () => ({ XDG_CACHE_HOME: path.join(dir, 'cache') })

/**
 * The command as `cnn-workbench` runs it (the same runCli, exit code and output), in this process: one
 * test below runs the real executable; the others need no new process of their own.
 */
async function inspect(args: string[]): Promise<CliResult> {
  vi.stubEnv('XDG_CACHE_HOME', env().XDG_CACHE_HOME)
  const result = { code: -1, stdout: '', stderr: '' }
  result.code = await runCli(['dataset', 'inspect', ...args], {
    stdout: (t) => void (result.stdout += t),
    stderr: (t) => void (result.stderr += t),
    interactive: false
  })
  vi.unstubAllEnvs()
  return result
}

describe('cnn-workbench dataset inspect', () => {
  it('prints exactly one JSON document in the public report format', async () => {
    const r = await runCliProcess(
      [
        'dataset',
        'inspect',
        path.join(dir, 'shapes'),
        '--size',
        '16',
        '--channels',
        '1',
        '--seed',
        '7',
        '--json'
      ],
      env()
    )
    expect(r.code).toBe(0)
    const report = ImportReport.parse(JSON.parse(r.stdout))
    expect(report.classes.map((c) => [c.name, c.count])).toEqual([
      ['cat', 10],
      ['dog', 10]
    ])
    for (const c of report.classes) expect(c.splits.train + c.splits.val + c.splits.test).toBe(c.count)
    expect(report.skipped).toEqual([{ path: 'dog/broken.png', reason: expect.any(String) }])
    expect(report.input).toEqual({ height: 16, width: 16, channels: 1 })
  })

  it('gives the same split for the same seed', async () => {
    const args = [path.join(dir, 'shapes'), '--seed', '3', '--json']
    const a = JSON.parse((await inspect(args)).stdout) as ImportReport
    const b = JSON.parse((await inspect(args)).stdout) as ImportReport
    expect(b.classes).toEqual(a.classes)
    expect(b.fromCache).toBe(true)
  })

  it('prints a readable report without --json', async () => {
    const r = await inspect([path.join(dir, 'shapes')])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('cat')
    expect(r.stdout).toContain('dog/broken.png')
  })

  it('exits non-zero with one sentence on stderr when the folder cannot be used', async () => {
    const missing = await inspect([path.join(dir, 'nope'), '--json'])
    expect(missing.code).not.toBe(0)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toMatch(/nope/)
    expect(missing.stderr).not.toMatch(/\n\s+at /) // no stack trace

    const oneClass = await inspect([path.join(dir, 'lonely'), '--json'])
    expect(oneClass.code).not.toBe(0)
    expect(oneClass.stderr).toMatch(/two|2/i)
  })

  it('rejects a bad flag value with usage exit code 2', async () => {
    const r = await inspect([path.join(dir, 'shapes'), '--channels', '2'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--channels must be 1 or 3')
  })
})
