import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildIfStale } from '../../../scripts/build-if-stale.mjs'
import {
  MALLOC_TUNABLES,
  withMallocTunables,
  withoutMallocTunables
} from '../../../scripts/mallocTunables.mjs'
import { TRAINING_NODE_FLAGS } from '../../../scripts/trainingHeap.mjs'
import { cliEngineLaunch } from '../../../src/main/host/engineLaunch'
import { isAlive, processTree, untilGone } from '../../support/processTree'
import { writeBarsFolder } from './barsFolder'
import { tempDir } from './trainingRunHelpers'

const root = path.resolve(__dirname, '../../..')
const linux = process.platform === 'linux'
let dir = ''
let cleanup: () => Promise<void> = async () => {}
let dataDir = ''

/**
 * This test process's environment as a user's shell has it: without the malloc settings, and outside npm
 * (under npm, bin/cnn-workbench.mjs also ends once npm is gone, which would hide what is tested here).
 */
function plainEnv(): NodeJS.ProcessEnv {
  const env = withoutMallocTunables(process.env)
  delete env.npm_lifecycle_event
  // Nor the test runner's own channel to this process.
  delete env.NODE_CHANNEL_FD
  delete env.NODE_CHANNEL_SERIALIZATION_MODE
  return env
}

function environ(pid: number): Record<string, string> {
  const pairs = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)
  return Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
}

/**
 * `bin/cnn-workbench.mjs train` for far longer than a test runs, with an IPC channel when `ipc`; resolves at
 * its first progress line (training has started). Its output goes to a file, not a pipe: a process left
 * writing into a pipe nobody reads would die of SIGPIPE anyway.
 */
async function startTraining(
  runName: string,
  env: NodeJS.ProcessEnv,
  { ipc = false, ownGroup = false }: { ipc?: boolean; ownGroup?: boolean } = {}
) {
  const outputPath = path.join(dir, `${runName}-output.txt`)
  const output = openSync(outputPath, 'w')
  const args = ['--data', dataDir, '--template', 'tiny', '--epochs', '1000', '--batch-size', '8']
  const child = spawn(
    process.execPath,
    [
      'bin/cnn-workbench.mjs',
      'train',
      ...args,
      '--backend',
      'wasm',
      '--out',
      path.join(dir, runName),
      '--json'
    ],
    {
      cwd: root,
      env,
      stdio: ['ignore', output, output, ...(ipc ? (['ipc'] as const) : [])],
      // A process group of its own, as a terminal gives the command it runs.
      detached: ownGroup
    }
  )
  closeSync(output)
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)))
  while (!readFileSync(outputPath, 'utf8').includes('"step"')) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`train ended: ${readFileSync(outputPath, 'utf8')}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { child, ended, outputPath }
}

beforeAll(async () => {
  // bin/cnn-workbench.mjs runs the build in out/.
  expect(await buildIfStale()).toBe(0)
  ;({ dir, cleanup } = await tempDir())
  dataDir = await writeBarsFolder(path.join(dir, 'bars'), 200)
}, 600_000)
afterAll(() => cleanup())

it.runIf(linux)(
  'a batch-32 training step with the engine’s malloc settings faults in a fraction of the pages it does without (3,000+)',
  () => {
    const child = path.join(__dirname, '../backend/children/trainingStepFaults.ts')
    const step = (
      env: NodeJS.ProcessEnv
    ): { backend: string; gradientPages: number; faultsPerStep: number } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', child], { cwd: root, env, encoding: 'utf8' })
      const last = r.stdout.trim().split('\n').pop() ?? ''
      if (r.status !== 0 || !last.startsWith('{')) throw new Error(`the child failed: ${r.stderr}`)
      return JSON.parse(last) as { backend: string; gradientPages: number; faultsPerStep: number }
    }
    // The same settings reach serve mode's and the desktop app's engine, and `cnn-workbench train`.
    const engineEnv = cliEngineLaunch({ dataRoot: dir }, null).env ?? {}
    for (const [name, value] of Object.entries(MALLOC_TUNABLES)) expect(engineEnv[name]).toBe(value)
    const tuned = step(withMallocTunables(plainEnv()))
    const plain = step(plainEnv())
    expect(
      tuned.faultsPerStep,
      `with ${JSON.stringify(tuned)}, without ${JSON.stringify(plain)}`
    ).toBeLessThan(tuned.gradientPages / 4)
  },
  180_000
)

it.runIf(linux)(
  '`cnn-workbench train` trains in a process with those settings and V8’s young generation for training, which ends when the command is killed outright',
  async () => {
    const { child: command, ended } = await startTraining('run', plainEnv())
    const trainer = processTree(command.pid!).find((pid) => environ(pid).CNN_WORKBENCH_RELAUNCHED === '1')
    expect(trainer, 'the process that trains').toBeDefined()
    expect(environ(command.pid!).MALLOC_TRIM_THRESHOLD_).toBeUndefined()
    const env = environ(trainer!)
    for (const [name, value] of Object.entries(MALLOC_TUNABLES)) expect(env[name]).toBe(value)
    const args = readFileSync(`/proc/${trainer!}/cmdline`, 'utf8').split('\0')
    for (const flag of TRAINING_NODE_FLAGS) expect(args).toContain(flag)

    command.kill('SIGKILL')
    expect(await ended).toBe('SIGKILL')
    await untilGone([trainer!])
    expect(isAlive(trainer!)).toBe(false)
  },
  120_000
)

it.runIf(linux)(
  'the process that trains takes a SIGTERM once the command that started it is gone (its channel closed)',
  async () => {
    // Started as `cnn-workbench train` starts it; this test plays the command.
    const env = { ...withMallocTunables(plainEnv()), CNN_WORKBENCH_RELAUNCHED: '1' }
    const { child: trainer, ended } = await startTraining('relaunched', env, { ipc: true })
    trainer.disconnect()
    expect(await ended).toBe('SIGTERM')
  },
  120_000
)

it.runIf(linux)(
  'Ctrl+C in a terminal stops `cnn-workbench train` gracefully, as one interrupt and not two',
  async () => {
    const { child: command, outputPath } = await startTraining('interrupted', plainEnv(), { ownGroup: true })
    const exited = new Promise<number | null>((resolve) => command.once('exit', (code) => resolve(code)))
    // The terminal sends SIGINT to every process of its foreground group.
    process.kill(-command.pid!, 'SIGINT')
    const code = await exited
    const output = readFileSync(outputPath, 'utf8')
    expect(output).toContain('Stopping after this batch')
    expect(code, output.slice(-2000)).toBe(0)
    const run = JSON.parse(readFileSync(path.join(dir, 'interrupted', 'run.json'), 'utf8')) as {
      status: string
    }
    expect(run.status).toBe('stopped')
  },
  120_000
)
