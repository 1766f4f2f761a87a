import { EXIT_NATIVE_THREAD_LOST } from '../engine/engineMessages'

/** The last lines the engine wrote to stderr, kept to say why it could not start. */
export class StderrTail {
  private lines: string[] = []
  private partial = ''

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString()
    const lines = text.split('\n')
    this.partial = lines.pop() ?? ''
    this.lines.push(...lines.filter((l) => l.trim() !== ''))
    if (this.lines.length > 40) this.lines = this.lines.slice(-40)
  }

  /** The line that says what went wrong: the error line of a stack trace rather than "Node.js v20". */
  reason(): string | null {
    const lines = [...this.lines, this.partial].map((l) => l.trim()).filter(Boolean)
    const useful = lines.filter((l) => !l.startsWith('at ') && !/^Node\.js v\d/.test(l) && l !== '^')
    const error = [...useful].reverse().find((l) => /\b(\w*Error|error)\b/.test(l))
    const line = error ?? useful.at(-1)
    return line === undefined ? null : line.length > 300 ? `${line.slice(0, 300)}…` : line
  }
}

/** How the engine process ended, as the end of a sentence ("The engine …"). */
export function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `was stopped by ${signal}`
  if (code === EXIT_NATIVE_THREAD_LOST)
    return 'restarted because its training thread died with tfjs-node loaded, which a new thread cannot load again'
  return `exited with code ${code}`
}
