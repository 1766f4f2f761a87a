import { nativeKernelsSetting, nativeRuntimeOnce, wasmThreadsSetting } from '../backend/computeSettings'
import {
  describeBackendChoice,
  selectBackend,
  type BackendChoice,
  type BackendName
} from '../backend/selectBackend'
import { BACKEND_ORDER } from '../backend/backendTypes'
import type { BackendRecord } from '../../../shared/training'

/** The names `--backend` and the Train room accept, fastest first. */
export const BACKEND_NAMES: readonly BackendName[] = BACKEND_ORDER

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name)
}

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
