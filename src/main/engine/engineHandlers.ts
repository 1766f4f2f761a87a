import os from 'node:os'
import type { Handlers } from '../../shared/dispatch'
import { createAugmentHandlers } from './augmentHandlers'
import { backendSummary } from './compute/computeBackend'
import { createDatasetHandlers, type DatasetSession } from './datasetHandlers'
import { listFolder } from './folderBrowser'
import { Operations, type EmitEvent } from './operations'

export interface EngineConfig {
  dataRoot: string
  cacheDir?: string
}

/** Every route the engine process answers; the shell answers the rest (app info, native dialogs). */
export function createEngineHandlers(config: EngineConfig, emit: EmitEvent): Partial<Handlers> {
  const ops = new Operations(emit)
  const session: DatasetSession = { current: null }
  return {
    'files.list': async ({ path }) => listFolder(config.dataRoot, path),
    'op.cancel': async ({ opId }) => ({ cancelled: ops.cancel(opId) }),
    'engine.backend': async () => backendSummary(),
    ...createDatasetHandlers(session, ops, config.cacheDir),
    ...createAugmentHandlers(session)
  }
}

export function defaultDataRoot(): string {
  return os.homedir()
}
