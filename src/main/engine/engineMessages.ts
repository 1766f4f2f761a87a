import type { WireResult } from '../../shared/contract'

/** Messages between the engine process and its host, over Node's IPC channel. */
export type HostToEngine = { type: 'request'; id: number; route: string; input: unknown }

export type EngineToHost =
  | { type: 'ready'; pid: number }
  | { type: 'response'; id: number; result: WireResult }
  | { type: 'event'; name: string; payload: unknown }

/**
 * The engine exits with this code when its training thread died with tfjs-node loaded: a native addon that
 * is not context-aware cannot be loaded again by a new thread of the same process, so the host starts a
 * new engine process instead.
 */
export const EXIT_NATIVE_THREAD_LOST = 75
