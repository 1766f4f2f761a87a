import type { z } from 'zod'
import { routes, type RouteOutput, type WireResult } from './contract'
import { isRouteName, type RouteName } from './contractNames'
import { toWireError } from './workbenchError'

/** One function per route; it receives input already parsed by the route's schema. */
export type Handlers = { [R in RouteName]: (input: ParsedInput<R>) => Promise<RouteOutput<R>> }
export type ParsedInput<R extends RouteName> = z.output<(typeof routes)[R]['input']>

export type Dispatch = (route: string, input: unknown) => Promise<WireResult>

/**
 * The receiving side of every transport: checks the route name, parses the input, runs the handler
 * and turns whatever it throws into a typed error. Handlers never see unparsed input.
 */
export function createDispatcher(handlers: Partial<Handlers>, log?: (err: unknown) => void): Dispatch {
  return async (route, rawInput) => {
    if (!isRouteName(route))
      return { ok: false, error: { code: 'bad-input', message: `Unknown route "${route}".` } }
    const handler = handlers[route] as ((input: unknown) => Promise<unknown>) | undefined
    if (!handler)
      return { ok: false, error: { code: 'unavailable', message: `"${route}" is not available here.` } }
    const parsed = routes[route].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
      return { ok: false, error: { code: 'bad-input', message: `Invalid request for ${route}: ${detail}` } }
    }
    try {
      return { ok: true, value: await handler(parsed.data) }
    } catch (err) {
      const error = toWireError(err)
      // A refusal (bad input, not found, cancelled) is an answer, not a fault: only failures reach the log.
      if (error.code === 'failed') log?.(err)
      return { ok: false, error }
    }
  }
}
