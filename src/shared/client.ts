import type { EventPayload, RouteInput, RouteOutput, WireResult } from './contract'
import type { EventName, RouteName } from './contractNames'
import { toPlainData } from './plainData'
import { WorkbenchError } from './workbenchError'

/** What every transport (Electron IPC, WebSocket, in-process) provides. */
export interface Transport {
  invoke(route: RouteName, input: unknown): Promise<WireResult>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

export interface WorkbenchClient {
  call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** The typed face of a transport: resolves with the route's output or throws a WorkbenchError. */
export function createClient(transport: Transport): WorkbenchClient {
  return {
    async call(route, input) {
      // Every transport gets plain data, whatever the caller holds (a store's reactive state, for one).
      let plain: unknown
      try {
        plain = toPlainData(input)
      } catch (err) {
        throw new WorkbenchError('bad-input', `Invalid request for ${route}: ${(err as Error).message}`)
      }
      const result = await transport.invoke(route, plain)
      if (!result.ok) throw new WorkbenchError(result.error.code, result.error.message)
      // The sending side built the value from the same schema; parsing every thumbnail page again would cost more than it checks.
      return result.value as never
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void)
    }
  }
}
