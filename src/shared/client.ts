import {
  events,
  routes,
  type EventPayload,
  type RouteInput,
  type RouteOutput,
  type WireResult
} from './contract'
import type { EventName, RouteName } from './contractNames'
import { toPlainData } from './plainData'
import { unwrap } from './rpc'
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

export interface ClientOptions {
  /**
   * Check every answer and event against its schema, and throw on a mismatch (a bug on the sending side).
   * On by default under a test runner (NODE_ENV=test); the renderer turns it on in development. Off in
   * production, where the sending side built each value from the same schema and parsing every thumbnail
   * page again would cost more than it checks.
   */
  checkSchemas?: boolean
}

const runningTests = (): boolean =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV === 'test'

function check(
  what: string,
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
  value: unknown
): void {
  const result = schema.safeParse(value)
  if (result.success) return
  const issues = (result.error as { issues?: { path: PropertyKey[]; message: string }[] }).issues ?? []
  const detail = issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ')
  throw new Error(`${what} does not match its schema: ${detail}`)
}

/** The typed face of a transport: resolves with the route's output or throws a WorkbenchError. */
export function createClient(transport: Transport, options: ClientOptions = {}): WorkbenchClient {
  const checkSchemas = options.checkSchemas ?? runningTests()
  return {
    async call(route, input) {
      // Every transport gets plain data, whatever the caller holds (a store's reactive state, for one).
      let plain: unknown
      try {
        plain = toPlainData(input)
      } catch (err) {
        throw new WorkbenchError('bad-input', `Invalid request for ${route}: ${(err as Error).message}`)
      }
      const value = unwrap(await transport.invoke(route, plain))
      if (checkSchemas) check(`The answer to ${route}`, routes[route].output, value)
      return value as never
    },
    on(event, listener) {
      return transport.subscribe(event, (payload) => {
        if (checkSchemas) check(`The ${event} event`, events[event], payload)
        listener(payload as never)
      })
    }
  }
}
