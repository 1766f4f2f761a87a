import type { RawData } from 'ws'
import type { WireError } from '../../shared/contract'
import { isRouteName, type RouteName } from '../../shared/contractNames'
import { inputBoundsProblem } from '../../shared/inputBounds'

/** What to do with one WebSocket message, decided before anything reaches the backend. */
export type MessageVerdict =
  | { kind: 'request'; id: number; route: RouteName; input: unknown }
  | { kind: 'error'; id: number | null; error: WireError }
  | { kind: 'close'; code: number; reason: string }

const SHAPE = 'A request is a JSON object {"id": number, "route": string, "input": …}.'

/**
 * Parses one message of the wire format. Text that is not JSON closes the connection (the peer does not
 * speak the protocol); JSON of the wrong shape, an unknown route or input beyond the bounds gets an
 * error answer, with the request's id when it had a usable one.
 */
export function parseClientMessage(data: RawData, isBinary: boolean): MessageVerdict {
  if (isBinary) return { kind: 'close', code: 1003, reason: 'Messages must be JSON text.' }
  let message: unknown
  try {
    message = JSON.parse(rawText(data))
  } catch {
    return { kind: 'close', code: 1003, reason: 'Messages must be JSON text.' }
  }
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return badInput(null, SHAPE)
  const { id, route, input } = message as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return badInput(null, SHAPE)
  if (!isRouteName(route))
    return badInput(id, typeof route === 'string' ? `Unknown route "${route.slice(0, 80)}".` : SHAPE)
  const problem = inputBoundsProblem(input)
  if (problem) return badInput(id, problem)
  return { kind: 'request', id, route, input }
}

function badInput(id: number | null, message: string): MessageVerdict {
  return { kind: 'error', id, error: { code: 'bad-input', message } }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8')
}
