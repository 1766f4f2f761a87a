import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AugmentSpec } from '../../../shared/augment'
import type { DatasetOpenOptions, DatasetSource } from '../../../shared/datasetSchemas'
import { withClassCount, type NetworkSpec } from '../../../shared/network'
import type { RunJson, TrainingProgress, TrainingSettings } from '../../../shared/training'
import type { BackendName } from '../backend/selectBackend'
import { makeFolder } from '../files/writeTarget'
import { latestCheckpoint, loadCheckpoint } from './checkpoint'
import { outputKind } from './classificationLoss'
import { createOptimizer, disposeOptimizer } from './optimizerFactory'
import { METRICS_FILE, readRunJson, truncateMetrics, writeRunJson } from './runFolder'
import { checkNewRun } from './newRunChecks'
import { removeRunLeftovers } from './runLeftovers'
import { initializeWeights } from './seededInit'
import { buildModel } from '../network/buildModel'
import { loadInitialWeights } from '../predict/exportedModel'
import { finishRun, RunPhase } from './finishRun'
import { prepareModelForTraining } from './trainingModel'
import { Trainer, type TrainerStart } from './trainer'
import { backendRecord, trainingBackend } from './trainingBackend'
import { checkTrainingData, limitTrainSplit, type TrainingData } from './trainingData'

export interface TrainingHooks {
  onProgress?: (progress: TrainingProgress) => void
  /** Told the run's record each time run.json is written, the first time before training begins, the last at its end. */
  onRunChange?: (run: RunJson) => void
  /** Use only this compute backend (default: the fastest that works). */
  backend?: BackendName
  progressIntervalMs?: number
}

/** A new run as plain data: what the engine sends the training thread, and the CLI's run (with its hooks). */
export interface StartRunRequest {
  runDir: string
  data: TrainingData
  /** Where the images came from, so `--resume` can open them again. */
  source: DatasetSource
  openOptions?: DatasetOpenOptions
  /** The classifier's units are set to the dataset's class count. */
  network: NetworkSpec
  augment: AugmentSpec | null
  settings: TrainingSettings
  runId?: string
  /**
   * A TF.js model folder (an export, or a run's model/) to start from instead of the seeded initial
   * weights; its weights must have the network's shapes.
   */
  initialWeights?: string
  /** Use only this compute backend (default: the fastest that works). */
  backend?: BackendName
}

export interface StartTrainingOptions extends StartRunRequest, TrainingHooks {}

/** A run in progress: control it, and await its end (the final run.json; failures are recorded in it too). */
export interface TrainingRun {
  runId: string
  runDir: string
  pause(): void
  resume(): void
  stop(): void
  done: Promise<RunJson>
}

/** Starts a new run in an empty (or new) folder. Resolves once training has begun. */
export async function startTraining(opts: StartTrainingOptions): Promise<TrainingRun> {
  const network = withClassCount(opts.network, opts.data.classNames.length)
  await checkNewRun(
    opts.runDir,
    opts.data,
    network,
    opts.initialWeights,
    opts.settings.augment ? opts.augment : null
  )
  await makeFolder(opts.runDir, 'the run')
  const choice = await trainingBackend(opts.backend)
  const data = limitTrainSplit(opts.data, opts.settings.trainLimit, opts.settings.seed)
  const now = new Date().toISOString()
  const run: RunJson = {
    version: 1,
    // The folder name is the id, so the app finds a run the CLI trained by the name it lists.
    id: opts.runId ?? path.basename(opts.runDir),
    status: 'running',
    createdAt: now,
    updatedAt: now,
    settings: opts.settings,
    network,
    augment: opts.augment,
    dataset: {
      source: opts.source,
      options: opts.openOptions ?? {},
      input: data.input,
      classNames: data.classNames,
      counts: { train: data.splits.train.length, val: data.splits.val.length, test: data.splits.test.length }
    },
    backend: backendRecord(choice),
    epochsCompleted: 0,
    step: 0,
    final: null,
    pid: process.pid,
    error: null,
    warnings: [],
    initialWeights: opts.initialWeights === undefined ? null : path.resolve(opts.initialWeights)
  }
  await writeRunJson(opts.runDir, run)
  opts.onRunChange?.(run)
  await writeFile(path.join(opts.runDir, METRICS_FILE), '')
  return launch(run, opts.runDir, data, opts, null, opts.initialWeights)
}

/** Continues a run from its last checkpoint "as if it had not stopped"; `data` must be the run's dataset. */
export async function resumeTraining(
  runDir: string,
  data: TrainingData,
  hooks: TrainingHooks = {}
): Promise<TrainingRun> {
  const previous = await readRunJson(runDir)
  if ((previous.status === 'running' || previous.status === 'paused') && previous.pid !== process.pid) {
    throw new Error(`${runDir} is being trained by process ${previous.pid}; stop it first.`)
  }
  const same = JSON.stringify(previous.dataset.classNames) === JSON.stringify(data.classNames)
  const input = previous.dataset.input
  if (
    !same ||
    input.height !== data.input.height ||
    input.width !== data.input.width ||
    input.channels !== data.input.channels
  ) {
    throw new Error(
      `The dataset given to resume ${runDir} is not the one it was trained on (classes or image size differ).`
    )
  }
  checkTrainingData(data)
  // What a failed or killed write left behind (readRunJson tidies interrupted runs; a failed one too).
  await removeRunLeftovers(runDir)
  const choice = await trainingBackend(hooks.backend)
  const limited = limitTrainSplit(data, previous.settings.trainLimit, previous.settings.seed)
  const ref = await latestCheckpoint(runDir)
  const epochs = ref?.state.epochsCompleted ?? 0
  const step = ref?.state.step ?? 0
  await truncateMetrics(runDir, epochs, step)
  const run: RunJson = {
    ...previous,
    status: 'running',
    backend: backendRecord(choice),
    epochsCompleted: epochs,
    step,
    final: null,
    pid: process.pid,
    error: null
  }
  await writeRunJson(runDir, run)
  hooks.onRunChange?.(run)
  return launch(run, runDir, limited, hooks, ref)
}

async function launch(
  run: RunJson,
  runDir: string,
  data: TrainingData,
  hooks: TrainingHooks,
  ref: Awaited<ReturnType<typeof latestCheckpoint>>,
  initialWeights?: string
): Promise<TrainingRun> {
  const model = buildModel(run.network)
  prepareModelForTraining(model)
  const optimizer = createOptimizer(run.settings)
  let trainer: Trainer
  try {
    initializeWeights(model, run.settings.seed, run.network)
    if (initialWeights !== undefined) await loadInitialWeights(initialWeights, model)
    let start: TrainerStart | undefined
    if (ref) {
      const { bestWeights } = await loadCheckpoint(ref, model, optimizer)
      start = { ...ref.state, bestWeights }
    }
    trainer = new Trainer({
      runDir,
      run,
      model,
      optimizer,
      data,
      augment: run.augment,
      kind: outputKind(run.network),
      ...(start ? { start } : {}),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      ...(hooks.onRunChange ? { onRunChange: hooks.onRunChange } : {}),
      ...(hooks.progressIntervalMs !== undefined ? { progressIntervalMs: hooks.progressIntervalMs } : {})
    })
  } catch (error) {
    model.dispose()
    disposeOptimizer(optimizer)
    throw error
  }
  const phase = new RunPhase()
  const done = finishRun(trainer, phase, run, runDir, data, model).finally(() => {
    trainer.dispose()
    model.dispose()
    disposeOptimizer(optimizer)
  })
  // The caller of `done` sees a failure to write the last run.json; the hook only hears of an end.
  done.then((final) => hooks.onRunChange?.(final)).catch(() => {})
  return {
    runId: run.id,
    runDir,
    pause: () => trainer.pause(),
    resume: () => trainer.resume(),
    stop: () => phase.stop(trainer),
    done
  }
}
