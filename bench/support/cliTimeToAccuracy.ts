import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { withMallocTunables } from '../../scripts/mallocTunables.mjs'
import { TRAINING_NODE_FLAGS } from '../../scripts/trainingHeap.mjs'

/**
 * What a user waits for: `cnn-workbench train` on MNIST from the moment the command starts (Node, tfjs,
 * the dataset, the backend's self-checks) through every epoch with its input pipeline, validation,
 * checkpoint and run.json, until the whole test set is classified at or above the target. As the PyTorch
 * reference does, that is checked every 100 steps (`--evaluate-every 100 --evaluation-images 10000`, with
 * a small training sample, `--evaluation-train-images 512`, so that each check costs about what the
 * reference's does), and the time of those checks counts. The run is then stopped as a user would
 * (Ctrl+C); it evaluates those weights on the test split and exits.
 */

/** Steps between two checks of the test accuracy, and the training images measured beside it. */
export const CHECK_EVERY_STEPS = 100
const CHECK_TRAIN_IMAGES = 512

export interface CliTimeToAccuracy {
  /** Wall seconds from starting the command to the check that reached the target; null if none did. */
  seconds: number | null
  /** Epochs completed by then, and the optimizer step of that check. */
  epochs: number
  step: number
  /** Test accuracy (whole test set) at that check, or the best one seen when none reached the target. */
  checkAccuracy: number | null
  /** Validation accuracy at the last epoch end before it. */
  valAccuracy: number | null
  /** Test accuracy of the weights when it was stopped (null when it could not be read). */
  testAccuracy: number | null
  imagesSeen: number
  /** Peak resident set of the command up to that (or its last) epoch end, in bytes. */
  peakRss: number
  backend: string
  /** The command was killed after CliRunOptions.maxSeconds. */
  timedOut: boolean
  /** Seconds from starting the command to its first progress report of a trained batch (start-up cost). */
  firstBatchSeconds: number | null
  /** How the command failed by itself (its error went to stderr), or null. */
  failure: string | null
}

export interface CliRunOptions {
  target: number
  epochs: number
  batchSize: number
  learningRate: number
  maxSeconds: number
  backend?: string
  onLine?: (line: string) => void
}

const ROOT = path.resolve(import.meta.dirname, '../..')

function peakRssOf(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb === undefined ? NaN : Number(kb) * 1024
  } catch {
    return NaN
  }
}

interface ProgressLine {
  epoch?: number
  batch?: number
  epochEnd?: { valAccuracy: number | null } | null
  periodic?: { step: number; testAccuracy: number | null; testImages: number }
  final?: { testAccuracy: number | null }
  backend?: { why: string }
  dataset?: { counts?: { train: number } }
}

export async function cliTimeToAccuracy(opts: CliRunOptions): Promise<CliTimeToAccuracy> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'cnn-workbench-tta-'))
  const started = performance.now()
  // The installed command runs exactly this (bin/cnn-workbench.mjs), in a process of its own; started
  // directly, this process's peak memory is the training's.
  const child = spawn(
    process.execPath,
    [
      ...TRAINING_NODE_FLAGS,
      '--import',
      import.meta.resolve('tsx'),
      path.join(ROOT, 'src/main/cli/main.ts'),
      'train',
      ...['--data', 'mnist', '--template', 'lecture', '--out', path.join(out, 'run')],
      ...['--epochs', String(opts.epochs), '--batch-size', String(opts.batchSize)],
      ...['--optimizer', 'adam', '--lr', String(opts.learningRate), '--seed', '1', '--json'],
      ...['--evaluate-every', String(CHECK_EVERY_STEPS), '--evaluation-images', '10000'],
      ...['--evaluation-train-images', String(CHECK_TRAIN_IMAGES)],
      ...(opts.backend === undefined ? [] : ['--backend', opts.backend])
    ],
    // With the node flags and malloc settings bin/cnn-workbench.mjs starts `train` with.
    { cwd: ROOT, env: withMallocTunables(process.env), stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const result: CliTimeToAccuracy = {
    seconds: null,
    epochs: 0,
    step: 0,
    checkAccuracy: null,
    valAccuracy: null,
    testAccuracy: null,
    imagesSeen: 0,
    peakRss: NaN,
    backend: '',
    timedOut: false,
    firstBatchSeconds: null,
    failure: null
  }
  const timer = setTimeout(() => {
    result.timedOut = true
    child.kill('SIGKILL')
  }, opts.maxSeconds * 1000)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let trainImages = 0
  for await (const line of createInterface({ input: child.stdout })) {
    let p: ProgressLine
    try {
      p = JSON.parse(line) as ProgressLine
    } catch {
      continue
    }
    if (p.final !== undefined) {
      result.testAccuracy = p.final.testAccuracy
      result.backend = p.backend?.why ?? ''
      continue
    }
    if (result.firstBatchSeconds === null && (p.batch ?? 0) > 0) {
      result.firstBatchSeconds = (performance.now() - started) / 1000
    }
    if (result.seconds !== null) continue
    const at = ((performance.now() - started) / 1000).toFixed(1)
    if (p.epochEnd) {
      result.epochs = p.epoch ?? 0
      result.valAccuracy = p.epochEnd.valAccuracy
      opts.onLine?.(
        `epoch ${result.epochs}: validation accuracy ${p.epochEnd.valAccuracy?.toFixed(4)} at ${at} s`
      )
    }
    const accuracy = p.periodic?.testAccuracy
    if (p.periodic === undefined || accuracy === null || accuracy === undefined) continue
    result.step = p.periodic.step
    result.checkAccuracy = Math.max(result.checkAccuracy ?? 0, accuracy)
    result.peakRss = peakRssOf(child.pid)
    opts.onLine?.(
      `step ${p.periodic.step}: test accuracy ${accuracy.toFixed(4)} on ${p.periodic.testImages} images at ${at} s`
    )
    if (accuracy >= opts.target) {
      result.seconds = (performance.now() - started) / 1000
      result.checkAccuracy = accuracy
      child.kill('SIGINT')
    }
  }
  const code = await exited
  clearTimeout(timer)
  // Stopped by us (target reached or out of time), a non-zero code is ours; otherwise the command failed.
  if (code !== 0 && code !== null && result.seconds === null && !result.timedOut) {
    result.failure = `exit code ${code}`
  }
  try {
    const run = JSON.parse(readFileSync(path.join(out, 'run', 'run.json'), 'utf8')) as ProgressLine
    trainImages = run.dataset?.counts?.train ?? 0
  } catch {
    // A killed run may have left no readable run.json; the image count is then unknown.
  }
  // Every epoch ends with a short batch; without the training split's size, whole batches are counted.
  const perEpoch = trainImages > 0 ? Math.ceil(trainImages / opts.batchSize) : Infinity
  const whole = Math.floor(result.step / perEpoch)
  result.imagesSeen = whole * trainImages + (result.step - whole * perEpoch) * opts.batchSize
  rmSync(out, { recursive: true, force: true })
  return result
}
