import os from 'node:os'
import {
  describeBackendChoice,
  selectBackend,
  type BackendChoice,
  type BackendName
} from '../backend/selectBackend'
import type { BackendRecord } from '../../../shared/training'

export const BACKEND_NAMES: readonly BackendName[] = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name)
}

/** Two wasm threads train the lecture network about 1.3–1.8× faster than one on a 2-core machine. */
const DEFAULT_WASM_THREADS = 2

/**
 * wasm threads for training: CNN_WORKBENCH_WASM_THREADS when set (1 turns threads off), otherwise
 * two, or one on a single-core machine where a second thread only competes with the first.
 */
export function wasmThreadsSetting(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CNN_WORKBENCH_WASM_THREADS
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw)
    return Number.isInteger(n) && n > 1 ? n : 1
  }
  return Math.min(DEFAULT_WASM_THREADS, os.availableParallelism())
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
      wasmThreads: wasmThreadsSetting()
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
