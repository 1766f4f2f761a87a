import path from 'node:path'
import { trainingAugmentProblem } from '../../shared/augment'
import type { Handlers } from '../../shared/dispatch'
import { summarizeNetwork, withClassCount } from '../../shared/network'
import { WorkbenchError } from '../../shared/workbenchError'
import type { BackendName } from './backend/selectBackend'
import type { DatasetSession } from './datasetHandlers'
import type { EmitEvent } from './operations'
import type { RunsLocation } from './runsLocation'
import { mainThreadBackend } from './backend/mainThreadBackend'
import { manifestMismatch, readExportManifest } from './predict/exportedModel'
import { importRun } from './training/importRun'
import type { RunJson } from '../../shared/training'
import { listRunsOf } from './runsListing'
import { readEvaluation, readMetrics, readRunJson, writerProcessAlive, TrainingHost } from './training'

type TrainingRoutes = Pick<
  Handlers,
  | 'training.start'
  | 'training.control'
  | 'training.continue'
  | 'training.runs'
  | 'training.metrics'
  | 'training.evaluation'
  | 'training.import'
>

/** A run id that sorts by time and is safe as a folder name. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`
}

/**
 * The Train and Evaluate rooms' routes. Training itself runs in TrainingHost's worker thread, so the
 * engine keeps answering the UI between (and during) training steps.
 */
export function createTrainingHandlers(
  session: DatasetSession,
  runs: RunsLocation,
  emit: EmitEvent,
  host: TrainingHost
): TrainingRoutes {
  // A run's state has one source: the training thread's events, passed on as they come.
  host.onProgress((progress) => emit('training.progress', progress))
  host.onRun((run) => emit('training.run', run))
  const forcedBackend = process.env.CNN_WORKBENCH_BACKEND as BackendName | undefined

  const runDirOf = (runId: string): string => runs.runDir(runId)
  const requireDataset = () => {
    if (!session.current || !session.opened) {
      throw new WorkbenchError('not-found', 'Open a dataset first: training reads its images.')
    }
    return { ds: session.current, opened: session.opened }
  }
  const failAsPerson = (err: unknown): never => {
    throw new WorkbenchError('failed', err instanceof Error ? err.message : String(err))
  }

  return {
    'training.start': async ({ settings, network, augment, backend, initialWeights }) => {
      const { ds, opened } = requireDataset()
      const spec = withClassCount({ ...network, input: ds.input }, ds.classNames.length)
      const summary = summarizeNetwork(spec, { classes: ds.classNames.length })
      const first = summary.errors[0]
      if (first) {
        const where = first.layer >= 0 ? `Layer ${first.layer}: ` : ''
        throw new WorkbenchError('bad-input', `The network cannot be built. ${where}${first.message}`)
      }
      const augmentProblem = settings.augment && augment ? trainingAugmentProblem(augment) : null
      if (augmentProblem)
        throw new WorkbenchError(
          'bad-input',
          `The augmentation cannot be used for training: ${augmentProblem}`
        )
      if (initialWeights) {
        const manifest = await readExportManifest(initialWeights.modelDir).catch(failAsPerson)
        const mismatch = manifestMismatch(manifest, ds)
        if (mismatch) throw new WorkbenchError('bad-input', mismatch)
      }
      const runId = newRunId()
      runs.noteTrained(runId)
      const started = host
        .start({
          runId,
          runDir: runDirOf(runId),
          data: ds,
          source: opened.source,
          openOptions: opened.options,
          network: summary.spec ?? spec,
          augment: settings.augment ? augment : null,
          settings,
          backend: backend ?? forcedBackend,
          ...(initialWeights ? { initialWeights: initialWeights.modelDir } : {})
        })
        .catch(failAsPerson)
      return runs.whileStarting(runId, started)
    },
    'training.control': async ({ runId, action }) => {
      // Where the run stands now: the trainer takes the request between two batches and its events report
      // the change, so answering the state asked for would claim one the run has not reached.
      try {
        return { status: host[action](runId) }
      } catch (err) {
        throw new WorkbenchError('not-found', (err as Error).message)
      }
    },
    'training.continue': async ({ runId }) => {
      const { ds } = requireDataset()
      const run = await readRunJson(runDirOf(runId)).catch(failAsPerson)
      const same =
        run.dataset.classNames.join('\n') === ds.classNames.join('\n') &&
        run.dataset.input.height === ds.input.height &&
        run.dataset.input.width === ds.input.width &&
        run.dataset.input.channels === ds.input.channels
      if (!same) {
        throw new WorkbenchError(
          'bad-input',
          'This run was trained on another dataset: open that dataset to continue it.'
        )
      }
      runs.noteTrained(runId)
      const resumed = host.resumeRun({ runDir: runDirOf(runId), data: ds, backend: forcedBackend })
      return runs.whileStarting(runId, resumed.catch(failAsPerson))
    },
    'training.runs': async () => {
      // A run of this process marked running is live only while the training thread trains it.
      const isLive = (run: RunJson): boolean =>
        run.pid === process.pid ? host.isTraining(run.id) : writerProcessAlive(run)
      return { runsDir: runs.dir, runs: await listRunsOf(runs, isLive) }
    },
    'training.metrics': async ({ runId }) => ({ lines: await readMetrics(runDirOf(runId)).catch(() => []) }),
    'training.evaluation': async ({ runId }) => {
      const evaluation = await readEvaluation(runDirOf(runId))
      if (!evaluation) {
        throw new WorkbenchError(
          'not-found',
          'This run has no evaluation yet: it is evaluated when training ends.'
        )
      }
      return { ...evaluation, predictions: evaluation.predictions ?? evaluation.misclassified }
    },
    'training.import': async ({ dir }) => {
      if (!path.isAbsolute(dir)) throw new WorkbenchError('bad-input', 'Give the run folder as a full path.')
      await mainThreadBackend()
      return importRun(dir, runs.dir).catch(failAsPerson)
    }
  }
}
