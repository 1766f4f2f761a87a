import os from 'node:os'
import type { Handlers } from '../../shared/dispatch'
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
    ...createDatasetHandlers(session, ops, config.cacheDir)
  }
}

export function defaultDataRoot(): string {
  return os.homedir()
}
