import os from 'node:os'
import path from 'node:path'
import type { Handlers } from '../../shared/dispatch'
import { createAugmentHandlers } from './augmentHandlers'
import { createDatasetHandlers, type DatasetSession } from './datasetHandlers'
import { listFolder } from './folderBrowser'
import { Operations, type EmitEvent } from './operations'
import { TrainingHost } from './training'
import { createTrainingHandlers } from './trainingHandlers'
import { createExportHandlers } from './exportHandlers'
import { createInsightHandlers } from './insightHandlers'
import { RunsLocation } from './runsLocation'
import { ProjectSession } from './project/projectSession'
import { RecentProjects } from './project/recentProjects'
import { SessionRunCarrier } from './project/sessionRunCarrier'
import { createProjectHandlers } from './projectHandlers'
import { mainThreadBackend } from './backend/mainThreadBackend'
import { defaultCacheDir } from './dataset/datasetCache'
import { imageDecoder } from './dataset/imageDecoder'
import { collectDoctorReport } from './doctor/collectDoctor'
import { engineRuntime } from './doctor/engineRuntime'
import { createLabHandlers } from './labHandlers'

export interface EngineConfig {
  dataRoot: string
  cacheDir?: string
  /** Where training runs are written; default `$XDG_DATA_HOME/cnn-workbench/runs`. */
  runsDir?: string
  /** Where the app keeps its own files (the recent-projects list); default `$XDG_DATA_HOME/cnn-workbench`. */
  appDataDir?: string
  /** The training worker's built entry; absent when running from source. */
  trainingWorkerUrl?: URL
  /**
   * Called when the training thread died while it had a native backend (tfjs-node) loaded: such an addon
   * cannot be loaded again by a new thread of this process, so the engine process must be restarted.
   */
  onNativeThreadLost?: (reason: string) => void
}

export function defaultAppDataDir(): string {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share')
  return path.join(base, 'cnn-workbench')
}

export function defaultRunsDir(): string {
  return path.join(defaultAppDataDir(), 'runs')
}

/** Every route the engine process answers; the shell answers the rest (app info, native dialogs). */
export function createEngineHandlers(config: EngineConfig, emit: EmitEvent): Partial<Handlers> {
  const ops = new Operations(emit)
  const session: DatasetSession = { current: null, opened: null }
  const runs = new RunsLocation(config.runsDir ?? defaultRunsDir())
  const recent = new RecentProjects(config.appDataDir ?? defaultAppDataDir())
  const training = new TrainingHost({
    workerUrl: config.trainingWorkerUrl,
    onNativeThreadLost: config.onNativeThreadLost
  })
  const runsDir = config.runsDir ?? defaultRunsDir()
  return {
    'files.list': async ({ path }) => listFolder(config.dataRoot, path),
    'op.cancel': async ({ opId }) => ({ cancelled: ops.cancel(opId) }),
    // Where training computes: the training thread's choice (see mainThreadBackend for the main thread's).
    'engine.backend': async () => ({
      ...(await training.backend()),
      runtime: engineRuntime(),
      decoder: imageDecoder()
    }),
    'engine.doctor': async () =>
      collectDoctorReport({
        trainingBackend: () => training.backend(),
        previewsBackend: mainThreadBackend,
        locations: {
          dataRoot: config.dataRoot,
          cacheDir: config.cacheDir ?? defaultCacheDir(),
          runsDir,
          appDataDir: config.appDataDir ?? defaultAppDataDir()
        }
      }),
    ...createDatasetHandlers(session, ops, config.cacheDir),
    ...createAugmentHandlers(session),
    ...createTrainingHandlers(session, runs, emit, training),
    ...createExportHandlers(runs, session, config.cacheDir),
    ...createInsightHandlers(session, runs, ops),
    ...createProjectHandlers(new ProjectSession(runs, recent, new SessionRunCarrier(runs, training)), recent),
    ...createLabHandlers(session)
  }
}
