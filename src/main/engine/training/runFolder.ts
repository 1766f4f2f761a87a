import { appendFile, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import writeFileAtomic from 'write-file-atomic'
import { EvaluationJson, MetricsLine, RunJson } from '../../../shared/training'
import { FileContentError, readJsonFile } from '../files/jsonFiles'
import { latestCheckpoint } from './checkpointFiles'
import { removeRunLeftovers } from './runLeftovers'

/**
 * The files of a run folder that need no tfjs: run.json, metrics.jsonl, evaluation.json. Safe to use
 * from the engine's main thread while a worker trains.
 */
export const RUN_FILE = 'run.json'
export const METRICS_FILE = 'metrics.jsonl'
export const EVALUATION_FILE = 'evaluation.json'

/** temp file + fsync + rename, so a reader (or a crash) never sees half a file. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { fsync: true })
}

export async function writeRunJson(runDir: string, run: RunJson): Promise<void> {
  await writeJsonAtomic(path.join(runDir, RUN_FILE), RunJson.parse(run))
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Reads run.json. A run still marked running or paused whose process is gone is 'interrupted': its folder
 * is tidied and its record brought up to date on the way (see recoverInterruptedRun).
 */
export async function readRunJson(
  runDir: string,
  isLive: (run: RunJson) => boolean = writerProcessAlive
): Promise<RunJson> {
  const file = path.join(runDir, RUN_FILE)
  let json: unknown
  try {
    json = await readJsonFile(file)
  } catch (error) {
    // Missing or unreadable: probably not a run folder at all. Damaged: a run folder with a broken record.
    if (error instanceof FileContentError && error.code !== undefined)
      throw new Error(`${runDir} is not a training run folder: ${error.message}`)
    throw error
  }
  const parsed = RunJson.safeParse(json)
  if (!parsed.success) {
    throw new Error(
      `${file} does not describe a run: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`
    )
  }
  const run = parsed.data
  if ((run.status === 'running' || run.status === 'paused') && !isLive(run))
    return recoverInterruptedRun(runDir, run)
  return run
}

/**
 * A run whose process was killed: the temp files and partial folders of the writes it was in the middle
 * of are removed, and its counters are the last checkpoint's (a kill between writing a checkpoint and
 * run.json left run.json an epoch behind; resuming starts from the checkpoint anyway). The record is
 * written back as 'interrupted' where the folder is writable; it is returned either way.
 */
async function recoverInterruptedRun(runDir: string, run: RunJson): Promise<RunJson> {
  await removeRunLeftovers(runDir)
  const checkpoint = await latestCheckpoint(runDir)
  const recovered: RunJson = {
    ...run,
    status: 'interrupted',
    epochsCompleted: checkpoint?.state.epochsCompleted ?? 0,
    step: checkpoint?.state.step ?? 0
  }
  await writeRunJson(runDir, recovered).catch(() => undefined)
  return recovered
}

/** Whether the process that wrote run.json still runs (the default test of a run's liveness). */
export function writerProcessAlive(run: RunJson): boolean {
  return run.pid !== null && processAlive(run.pid)
}

export async function appendMetrics(runDir: string, lines: readonly MetricsLine[]): Promise<void> {
  if (lines.length === 0) return
  await appendFile(path.join(runDir, METRICS_FILE), lines.map((line) => JSON.stringify(line) + '\n').join(''))
}

/** Every complete line of metrics.jsonl; a torn last line (a crash mid-append) is skipped. */
export async function readMetrics(runDir: string): Promise<MetricsLine[]> {
  let text: string
  try {
    text = await readFile(path.join(runDir, METRICS_FILE), 'utf8')
  } catch {
    return []
  }
  const lines: MetricsLine[] = []
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue
    try {
      const parsed = MetricsLine.safeParse(JSON.parse(raw))
      if (parsed.success) lines.push(parsed.data)
    } catch {
      // A torn line from a killed process.
    }
  }
  return lines
}

/** Keeps the metrics up to the checkpoint a run resumes from, so no epoch is counted twice. */
export async function truncateMetrics(runDir: string, epochsCompleted: number, step: number): Promise<void> {
  const kept = (await readMetrics(runDir)).filter((line) =>
    line.kind === 'epoch' ? line.epoch <= epochsCompleted : line.step <= step
  )
  const text = kept.map((line) => JSON.stringify(line) + '\n').join('')
  await writeFileAtomic(path.join(runDir, METRICS_FILE), text, { fsync: true })
}

export async function writeEvaluation(runDir: string, evaluation: EvaluationJson): Promise<void> {
  await writeJsonAtomic(path.join(runDir, EVALUATION_FILE), EvaluationJson.parse(evaluation))
}

/** evaluation.json of a run, or null before the run has been evaluated. */
export async function readEvaluation(runDir: string): Promise<EvaluationJson | null> {
  const file = path.join(runDir, EVALUATION_FILE)
  let json: unknown
  try {
    json = await readJsonFile(file)
  } catch (error) {
    if (error instanceof FileContentError && error.code === 'ENOENT') return null
    throw error
  }
  const parsed = EvaluationJson.safeParse(json)
  if (!parsed.success) throw new Error(`${file} is not an evaluation this app wrote; evaluate the run again.`)
  return parsed.data
}

export interface RunListing {
  dir: string
  run: RunJson
}

/**
 * The run folders directly inside `runsDir`, newest first; folders without a readable run.json are skipped.
 * `isLive` says whether a run marked running or paused is still being trained (see readRunJson).
 */
export async function listRuns(runsDir: string, isLive?: (run: RunJson) => boolean): Promise<RunListing[]> {
  let names: string[]
  try {
    names = await readdir(runsDir)
  } catch {
    return []
  }
  const found: RunListing[] = []
  for (const name of names) {
    const dir = path.join(runsDir, name)
    try {
      found.push({ dir, run: await readRunJson(dir, isLive) })
    } catch {
      // Not a run folder.
    }
  }
  return found.sort((a, b) => b.run.createdAt.localeCompare(a.run.createdAt))
}
