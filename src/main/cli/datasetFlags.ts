import { DatasetOpenOptions } from '../../shared/datasetSchemas'
import { UsageError } from './cliIo'

/** The flag each dataset option comes from, for messages. */
const FLAG: Record<string, string> = {
  size: '--size',
  height: '--size',
  width: '--size',
  channels: '--channels',
  seed: '--seed',
  resize: '--resize'
}

/**
 * Dataset options built from flags, checked against the same schema the engine applies, so a value out
 * of range (`--size 0`, `--size 100000`) is a usage error (exit code 2) named by its flag, not a failure
 * found later while opening the images.
 */
export function checkedOpenOptions(options: DatasetOpenOptions): DatasetOpenOptions {
  const parsed = DatasetOpenOptions.safeParse(options)
  if (parsed.success) return options
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '')
    const value = (options as Record<string, unknown>)[key]
    return `${FLAG[key] ?? key} ${String(value)} is out of range (${issue.message.toLowerCase()})`
  })
  throw new UsageError(problems.join('; ') + '.')
}
