import type { WireResult } from '../../shared/contract'

/** Messages between the engine process and its host, over Node's IPC channel. */
export type HostToEngine = { type: 'request'; id: number; route: string; input: unknown }

export type EngineToHost =
  | { type: 'ready'; pid: number }
  | { type: 'response'; id: number; result: WireResult }
  | { type: 'event'; name: string; payload: unknown }
