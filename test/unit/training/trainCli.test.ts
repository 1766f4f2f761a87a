import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { EvaluationJson, RunJson, TrainingProgress } from '../../../src/shared/training'
import { runEvaluate } from '../../../src/main/cli/commands/evaluate'
import { runTrain } from '../../../src/main/cli/commands/train'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { latestCheckpoint, loadCheckpoint } from '../../../src/main/engine/training/checkpoint'
import { createOptimizer, disposeOptimizer } from '../../../src/main/engine/training/optimizerFactory'
import { readMetrics, readRunJson } from '../../../src/main/engine/training/runFolder'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { writeBarsFolder } from './barsFolder'
import { tempDir } from './trainingRunHelpers'

const root = path.resolve(__dirname, '../../..')
const trainScript = path.join(root, 'src/main/cli/commands/train.ts')
let dir = ''
let cleanup: () => Promise<void> = async () => {}
let dataDir = ''

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  dataDir = await writeBarsFolder(path.join(dir, 'bars'), 400)
})
afterAll(() => cleanup())

/** `train` in this process, exactly as the command runs (for the cases that need no process to kill). */
async function trainHere(args: string[], onLine: (line: string) => void = () => {}) {
  vi.stubEnv('XDG_CACHE_HOME', path.join(dir, 'cache'))
  vi.stubEnv('CNN_WORKBENCH_CACHE_DIR', '')
  let stdout = ''
  let stderr = ''
  const lines: string[] = []
  const code = await runTrain(args, {
    stdout: (text) => {
      stdout += text
      const complete = stdout.split('\n')
      stdout = complete.pop() ?? ''
      for (const line of complete) {
        lines.push(line)
        onLine(line)
      }
    },
    stderr: (text) => void (stderr += text),
    interactive: false
  })
  vi.unstubAllEnvs()
  if (stdout) lines.push(stdout)
  return { code, lines, stderr }
}

/** Runs `train` in a child process; `onLine` may kill it. */
function trainChild(args: string[], onLine: (line: string, kill: () => void) => void = () => {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', trainScript, ...args], {
    cwd: root,
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache'), CNN_WORKBENCH_CACHE_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines: string[] = []
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line)
    onLine(line, () => child.kill('SIGKILL'))
  })
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[]; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, lines, stderr }))
  )
}

it('leaves a resumable run when killed mid-epoch, and --resume completes it', async () => {
  const runDir = path.join(dir, 'killed')
  let sawFirstEpoch = false
  const killed = await trainChild(
    [
      '--data',
      dataDir,
      '--template',
      'tiny',
      '--epochs',
      '4',
      '--batch-size',
      '8',
      '--lr',
      '0.01',
      '--backend',
      'wasm',
      '--out',
      runDir,
      '--json'
    ],
    (line, kill) => {
      const event = TrainingProgress.safeParse(JSON.parse(line))
      if (!event.success) return
      if (event.data.epochEnd && event.data.epoch === 1) sawFirstEpoch = true
      else if (sawFirstEpoch && !event.data.epochEnd && event.data.batch > 0) kill()
    }
  )
  expect(killed.signal, killed.stderr).toBe('SIGKILL')

  const raw = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(raw.status).toBe('running')
  expect((await readRunJson(runDir)).status).toBe('interrupted')
  const checkpoint = await latestCheckpoint(runDir)
  expect(checkpoint?.state.epochsCompleted).toBeGreaterThanOrEqual(1)
  expect(checkpoint?.state.epochsCompleted).toBeLessThan(4)

  await trainingBackend('wasm')
  const model = buildModel(raw.network)
  const optimizer = createOptimizer(raw.settings)
  await expect(loadCheckpoint(checkpoint!, model, optimizer)).resolves.toBeDefined()
  model.dispose()
  disposeOptimizer(optimizer)

  const resumed = await trainHere(['--resume', runDir, '--json'])
  expect(resumed.code, resumed.stderr).toBe(0)
  const final = RunJson.parse(JSON.parse(resumed.lines.at(-1) ?? '{}'))
  expect(final).toMatchObject({ status: 'completed', epochsCompleted: 4 })
  expect(final.final?.testAccuracy).toBeGreaterThan(0.9)
  expect((await readRunJson(runDir)).status).toBe('completed')
  const epochs = (await readMetrics(runDir)).filter((l) => l.kind === 'epoch').map((l) => l.epoch)
  expect(epochs).toEqual([1, 2, 3, 4])

  // `evaluate` reloads the final model and finds the same test figures.
  process.env.CNN_WORKBENCH_CACHE_DIR = path.join(dir, 'cache', 'cnn-workbench', 'datasets')
  let printed = ''
  const code = await runEvaluate([runDir, '--json'], {
    stdout: (s) => (printed += s),
    stderr: (s) => (printed += s),
    interactive: false
  })
  expect(code, printed).toBe(0)
  const evaluation = EvaluationJson.parse(JSON.parse(printed))
  expect(evaluation.accuracy).toBe(final.final?.testAccuracy)
  expect(evaluation.loss).toBeCloseTo(final.final?.testLoss ?? NaN, 5)

  // A mistyped flag gets the sentence and the usage, like every other command.
  let complaint = ''
  const bad = await runEvaluate([runDir, '--split', 'everything'], {
    stdout: () => {},
    stderr: (s) => (complaint += s),
    interactive: false
  })
  expect(bad).toBe(2)
  expect(complaint).toContain('--split must be test, val or train')
  expect(complaint).toContain('usage: cnn-workbench evaluate RUN_DIR')
})

it("trains further from a finished run's weights with --init-weights, and records where they came from", async () => {
  const first = path.join(dir, 'first')
  const common = [
    '--data',
    dataDir,
    '--template',
    'tiny',
    '--batch-size',
    '8',
    '--lr',
    '0.01',
    '--backend',
    'wasm'
  ]
  const trained = await trainHere([...common, '--epochs', '2', '--out', first, '--json'])
  expect(trained.code, trained.stderr).toBe(0)

  const further = path.join(dir, 'further')
  const batchLosses: number[] = []
  const continued = await trainHere(
    [...common, '--epochs', '1', '--init-weights', path.join(first, 'model'), '--out', further, '--json'],
    (line) => {
      const event = TrainingProgress.safeParse(JSON.parse(line))
      if (event.success && event.data.batchLoss !== null) batchLosses.push(event.data.batchLoss)
    }
  )
  expect(continued.code, continued.stderr).toBe(0)
  const run = await readRunJson(further)
  expect(run.initialWeights).toBe(path.join(first, 'model'))
  // Two classes: a fresh network starts near ln 2 ≈ 0.69; trained weights start far below.
  expect(batchLosses[0]).toBeLessThan(0.3)
  expect((await readRunJson(first)).initialWeights).toBeNull()

  const misfit = await trainHere([
    ...common.map((a) => (a === 'tiny' ? 'lenet5' : a)),
    '--init-weights',
    path.join(first, 'model'),
    '--out',
    path.join(dir, 'misfit')
  ])
  expect(misfit.code).toBe(1)
  expect(misfit.stderr).toMatch(
    /\ncnn-workbench train: The model in .* (has \d+ weight tensors|does not fit this network)/
  )
}, 60_000)

describe('train usage errors', () => {
  async function errorOf(args: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = ''
    const code = await runTrain(args, { stdout: () => {}, stderr: (s) => (stderr += s), interactive: false })
    return { code, stderr }
  }

  it('asks for --out', async () => {
    const { code, stderr } = await errorOf(['--data', 'mnist', '--template', 'tiny'])
    expect(code).toBe(2)
    expect(stderr).toBe('cnn-workbench train: --out RUN_DIR is required: the folder the run is written to\n')
  })

  it('names the templates when one is unknown', async () => {
    const { code, stderr } = await errorOf([
      '--data',
      'mnist',
      '--template',
      'resnet',
      '--out',
      path.join(dir, 'x')
    ])
    expect(code).toBe(2)
    expect(stderr).toMatch(
      /unknown template "resnet"; choose one of lecture, lenet5, vgg-small, tiny, softmax-regression\n$/
    )
  })

  it('names the backends when one is unknown', async () => {
    const { code, stderr } = await errorOf([
      '--data',
      'mnist',
      '--template',
      'tiny',
      '--backend',
      'cuda',
      '--out',
      path.join(dir, 'x')
    ])
    expect(code).toBe(2)
    expect(stderr).toMatch(/unknown backend "cuda"; choose one of tfjs-node-gpu, tfjs-node, wasm, cpu\n$/)
  })

  it('says what is wrong with a spec file', async () => {
    const spec = path.join(dir, 'bad-spec.json')
    await writeFile(
      spec,
      JSON.stringify({
        input: { height: 12, width: 12, channels: 1 },
        layers: [{ type: 'conv2d', filters: -3 }]
      })
    )
    const { code, stderr } = await errorOf([
      '--data',
      dataDir,
      '--network',
      spec,
      '--out',
      path.join(dir, 'x')
    ])
    expect(code).toBe(2)
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1)
    expect(stderr).toMatch(/bad-spec\.json: .*filters/)
  })
})
