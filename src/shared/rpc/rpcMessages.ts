import type { WireResult } from '../contract'

/**
 * What every boundary that matches answers to requests carries (engine host ↔ engine process, engine ↔
 * training thread, renderer ↔ WebSocket): a request with an id, the answer with the same id, an event
 * pushed without one, and a request the caller no longer waits for.
 */
export type RpcRequest = { id: number; route: string; input: unknown }
export type RpcAnswer = { id: number; result: WireResult }
export type RpcEvent = { event: string; payload: unknown }
export type RpcCancel = { cancel: number }
export type RpcMessage = RpcRequest | RpcAnswer | RpcEvent | RpcCancel

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null

export function isRpcRequest(m: unknown): m is RpcRequest {
  return isObject(m) && typeof m.id === 'number' && typeof m.route === 'string'
}

export function isRpcAnswer(m: unknown): m is RpcAnswer {
  return isObject(m) && typeof m.id === 'number' && isObject(m.result) && typeof m.result.ok === 'boolean'
}

export function isRpcEvent(m: unknown): m is RpcEvent {
  return isObject(m) && typeof m.event === 'string'
}

export function isRpcCancel(m: unknown): m is RpcCancel {
  return isObject(m) && typeof m.cancel === 'number'
}
