import type { SpawnOptions } from 'node:child_process'
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[]
export function runForwardingSignals(
  command: string,
  args: string[],
  options?: SpawnOptions & { stdoutToStderr?: boolean; ownSession?: boolean }
): Promise<{ code: number; signal: NodeJS.Signals | null }>
export function exitLike(result: { code: number; signal: NodeJS.Signals | null }): void
export function exitWithNpm(env?: NodeJS.ProcessEnv): void
