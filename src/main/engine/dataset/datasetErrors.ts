/** A dataset problem the user can fix (wrong folder, too few classes, ...); the message says how. */
export class DatasetError extends Error {
  override name = 'DatasetError'
}

/** The error an aborted import rejects with; `name` is 'AbortError' like the DOM's. */
export function abortError(): Error {
  const error = new Error('The dataset import was cancelled.')
  error.name = 'AbortError'
  return error
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError()
}
