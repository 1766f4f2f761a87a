import type { WireResult } from '../contract'
import { toWireError, WorkbenchError } from '../workbenchError'
import type { RpcAnswerer, RpcRoutes } from './rpcEndpoint'

/** The value of an answer, or its error thrown as a WorkbenchError (code and sentence intact). */
export function unwrap<T>(result: WireResult<T>): T {
  if (!result.ok) throw new WorkbenchError(result.error.code, result.error.message)
  return result.value
}

/** Runs `work` and turns what it returns or throws into an answer; nothing thrown crosses as a stack trace. */
export async function resultOf<T>(work: () => Promise<T>): Promise<WireResult<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    return { ok: false, error: toWireError(err) }
  }
}

export type RpcHandlers<Local extends RpcRoutes> = {
  [R in keyof Local]: (input: Local[R]['input'], signal: AbortSignal) => Promise<Local[R]['output']>
}

/**
 * Answers requests with one function per route, for a channel whose both ends are ours (the training
 * thread): the input is trusted as typed; an unknown route is answered with a sentence.
 */
export function routeAnswerer<Local extends RpcRoutes>(handlers: RpcHandlers<Local>): RpcAnswerer {
  return (route, input, signal) => {
    const handler = Object.hasOwn(handlers, route) ? handlers[route as keyof Local] : undefined
    if (!handler) {
      return Promise.resolve({
        ok: false,
        error: { code: 'bad-input', message: `Unknown request "${route}".` }
      })
    }
    return resultOf(() => handler(input as Local[keyof Local]['input'], signal))
  }
}
