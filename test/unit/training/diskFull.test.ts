import { execFileSync, spawn } from 'node:child_process'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RunJson } from '../../../src/shared/training'
import { writeBarsFolder } from './barsFolder'
import { tempDir } from './trainingRunHelpers'

// A real full disk: a small tmpfs mounted for the test. Mounting needs root (CI runs as root).
const root = path.resolve(__dirname, '../../..')
let dir = ''
let cleanup: () => Promise<void> = async () => {}
let mounted = ''
let cannotMount = ''

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), CNN_WORKBENCH_CACHE_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0
  for (const name of await readdir(folder)) total += (await stat(path.join(folder, name))).size
  return total
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  if (process.getuid?.() !== 0) {
    cannotMount = 'mounting a tmpfs needs root'
    return
  }
  const target = path.join(dir, 'full')
  await mkdir(target)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', target], { stdio: 'pipe' })
    mounted = target
  } catch (error) {
    cannotMount = `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}`
  }
})

afterAll(async () => {
  if (mounted) execFileSync('umount', [mounted])
  await cleanup()
})

it('records a full disk as a failed run with one sentence, leaves no partial folder, and resumes once there is room', async (ctx) => {
  if (cannotMount) {
    console.log(`Skipped: ${cannotMount}.`)
    ctx.skip()
  }
  const data = await writeBarsFolder(path.join(dir, 'bars'), 200)
  // A dense layer of 512 makes checkpoints of about a megabyte: one fits, the second does not.
  const spec = path.join(dir, 'dense.json')
  const layers = [
    { type: 'flatten' },
    { type: 'dense', units: 512, activation: 'relu' },
    { type: 'dense', units: 2, activation: 'softmax' }
  ]
  await writeFile(spec, JSON.stringify({ input: { height: 12, width: 12, channels: 1 }, layers }))
  const train = (out: string, epochs: number) => [
    'train',
    '--data',
    data,
    '--network',
    spec,
    '--epochs',
    String(epochs),
    '--batch-size',
    '16',
    '--backend',
    'wasm',
    '--out',
    out
  ]

  const probe = path.join(dir, 'probe')
  expect((await cli(train(probe, 1))).code).toBe(0)
  const checkpoint = await folderBytes(path.join(probe, 'checkpoints', 'epoch-00001'))
  expect(checkpoint).toBeGreaterThan(500_000)

  const size = Math.round(checkpoint * 1.5) + 64 * 1024
  execFileSync('mount', ['-o', `remount,size=${size}`, mounted])
  const runDir = path.join(mounted, 'run')
  const failed = await cli(train(runDir, 3))
  expect(failed.code, failed.stderr).toBe(1)
  expect(failed.stderr).not.toMatch(/^\s+at /m)
  expect(failed.stdout).toMatch(/Training failed: The disk holding .* is full \(no space left on device\)/)

  const run = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(run.status).toBe('failed')
  expect(run.error).toMatch(/full \(no space left on device\).*--resume/)
  expect(run.error).not.toContain('\n')
  expect(run.epochsCompleted).toBe(1)
  const names = [...(await readdir(runDir)), ...(await readdir(path.join(runDir, 'checkpoints')))]
  expect(names.filter((n) => n.startsWith('.') || /^run\.json\./.test(n))).toEqual([])

  execFileSync('mount', ['-o', 'remount,size=64m', mounted])
  const resumed = await cli(['train', '--resume', runDir])
  expect(resumed.code, resumed.stderr).toBe(0)
  const final = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(final).toMatchObject({ status: 'completed', epochsCompleted: 3, error: null })
})
