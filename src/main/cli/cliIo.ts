/** Where a command writes; tests pass their own to capture output. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stderr is a terminal, so progress can redraw one line. */
  interactive: boolean
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY)
}

/** An error the user caused (bad flag, unusable folder): printed as one line, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError'
}
