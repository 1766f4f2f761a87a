import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util'

const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/

/**
 * A string option followed by a negative number ("--lr -0.1", "--seed -3") given to the option as its
 * value ("--lr=-0.1"). Node's parseArgs refuses it as ambiguous, as if "-0.1" might be a flag; no option
 * of this CLI is a digit, so it never is. The command then checks the value like any other.
 */
export function joinNegativeValues(
  args: readonly string[],
  options: ParseArgsConfig['options'] = {}
): string[] {
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const next = args[i + 1]
    if (arg === '--') return [...joined, ...args.slice(i)]
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null
    if (
      name !== null &&
      options[name]?.type === 'string' &&
      next !== undefined &&
      NEGATIVE_NUMBER.test(next)
    ) {
      joined.push(`${arg}=${next}`)
      i++
    } else joined.push(arg)
  }
  return joined
}

/** node:util's parseArgs, with negative numbers accepted as option values (see joinNegativeValues). */
export function parseArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof nodeParseArgs<T>> {
  const args = joinNegativeValues(config.args ?? [], config.options)
  // Only `args` changes, so the result has the type parseArgs gives T itself.
  return nodeParseArgs<T>({ ...config, args } as T)
}
