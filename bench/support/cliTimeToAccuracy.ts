import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

/**
 * What a user waits for: `cnn-workbench train` on MNIST from the moment the command starts (Node, tfjs,
 * the dataset, the backend's self-checks) through every epoch with its input pipeline, validation,
 * checkpoint and run.json, until an epoch ends with a validation accuracy at or above the target. The
 * run is then stopped as a user would (Ctrl+C); it evaluates those weights on the test split and exits.
 */

export interface CliTimeToAccuracy {
  /** Wall seconds from starting the command to the epoch end that reached the target; null if none did. */
  seconds: number | null
  epochs: number
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
      '--import',
      import.meta.resolve('tsx'),
      path.join(ROOT, 'src/main/cli/main.ts'),
      'train',
      ...['--data', 'mnist', '--template', 'lecture', '--out', path.join(out, 'run')],
      ...['--epochs', String(opts.epochs), '--batch-size', String(opts.batchSize)],
      ...['--optimizer', 'adam', '--lr', String(opts.learningRate), '--seed', '1', '--json'],
      ...(opts.backend === undefined ? [] : ['--backend', opts.backend])
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const result: CliTimeToAccuracy = {
    seconds: null,
    epochs: 0,
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
    if (!p.epochEnd || result.seconds !== null) continue
    result.epochs = p.epoch ?? 0
    result.valAccuracy = p.epochEnd.valAccuracy
    result.peakRss = peakRssOf(child.pid)
    opts.onLine?.(
      `epoch ${result.epochs}: validation accuracy ${p.epochEnd.valAccuracy?.toFixed(4)} at ${((performance.now() - started) / 1000).toFixed(1)} s`
    )
    if ((p.epochEnd.valAccuracy ?? 0) >= opts.target) {
      result.seconds = (performance.now() - started) / 1000
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
  result.imagesSeen = result.epochs * trainImages
  rmSync(out, { recursive: true, force: true })
  return result
}
