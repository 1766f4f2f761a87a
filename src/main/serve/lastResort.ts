/**
 * Serve mode's last line of defence: an exception or rejection that escaped every handler is logged as
 * one line and the server goes on serving, so no request can silently end the process (and with it the
 * engine and any training). Handlers are meant never to let this run; the fuzz test checks it does not.
 * Returns the function that removes the handlers.
 */
export function keepServingOnUncaughtErrors(
  log: (line: string) => void = (l) => console.error(l)
): () => void {
  const onException = (err: unknown): void => log(`[serve] uncaught error, still serving: ${describe(err)}`)
  const onRejection = (reason: unknown): void =>
    log(`[serve] unhandled rejection, still serving: ${describe(reason)}`)
  process.on('uncaughtException', onException)
  process.on('unhandledRejection', onRejection)
  return () => {
    process.off('uncaughtException', onException)
    process.off('unhandledRejection', onRejection)
  }
}

function describe(err: unknown): string {
  try {
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    return text.split('\n')[0]!.slice(0, 500)
  } catch {
    return 'a value that cannot be printed'
  }
}
