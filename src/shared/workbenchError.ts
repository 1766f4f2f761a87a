import type { WireError } from './contract'

/** An error whose message is written for the person using the app; it crosses every transport intact. */
export class WorkbenchError extends Error {
  readonly code: WireError['code']

  constructor(code: WireError['code'], message: string) {
    super(message)
    this.name = 'WorkbenchError'
    this.code = code
  }
}

/** Turns anything thrown by a handler into what the other side is allowed to see: no stack traces. */
export function toWireError(err: unknown): WireError {
  if (err instanceof WorkbenchError) return { code: err.code, message: err.message }
  if (err instanceof Error && err.name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' }
  if (err instanceof Error && err.name === 'DatasetError') return { code: 'bad-input', message: err.message }
  const message = err instanceof Error ? err.message : String(err)
  return { code: 'failed', message: message || 'Something went wrong.' }
}
