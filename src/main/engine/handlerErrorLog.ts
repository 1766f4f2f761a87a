import { toWireError, WorkbenchError } from '../../shared/workbenchError'

/**
 * How a process logs a route that failed. A cancel is what the person asked for: not logged. An error
 * written for the person (a missing folder, a bad value) is one line. Anything else is a fault of the
 * app and keeps its stack, for whoever reads the log.
 */
export function handlerErrorLog(where: string, write: (line: string) => void = console.error) {
  return (err: unknown): void => {
    const wire = toWireError(err)
    if (wire.code === 'cancelled') return
    const expected = err instanceof WorkbenchError || (err instanceof Error && err.name === 'DatasetError')
    if (expected) write(`[${where}] ${wire.code}: ${wire.message}`)
    else write(`[${where}] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  }
}
