import { nativeKernelsSetting, nativeRuntimeOnce, wasmThreadsSetting } from '../backend/computeSettings'
import {
  describeBackendChoice,
  selectBackend,
  type BackendChoice,
  type BackendName
} from '../backend/selectBackend'
import type { BackendRecord } from '../../../shared/training'

export { BACKEND_NAMES, isBackendName } from '../../../shared/computeBackends'

let chosen: { force: BackendName | undefined; choice: Promise<BackendChoice> } | null = null

/**
 * Chooses the compute backend once per thread (tfjs keeps one active backend); a later run asking for a
 * different forced backend chooses again.
 */
export function trainingBackend(force?: BackendName): Promise<BackendChoice> {
  if (chosen === null || (force !== undefined && force !== chosen.force)) {
    const choice = selectBackend({
      ...(force === undefined ? {} : { force }),
      ...(nativeKernelsSetting() ? { native: nativeRuntimeOnce } : {}),
      wasmThreads: (nativeKernels) => wasmThreadsSetting(process.env, nativeKernels)
    })
    chosen = { force, choice }
    // A failed choice may be retried by the next run.
    choice.catch(() => {
      if (chosen?.choice === choice) chosen = null
    })
  }
  return chosen.choice
}

export function backendRecord(choice: BackendChoice): BackendRecord {
  return {
    name: choice.name,
    why: describeBackendChoice(choice),
    attempts: choice.attempts.map((a) => ({
      name: a.name,
      ok: a.ok,
      ms: a.ms,
      ...(a.reason ? { reason: a.reason } : {})
    }))
  }
}
