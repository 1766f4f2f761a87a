import { fileErrorInWords, isDiskFull } from '../files/fileErrors'

/**
 * The one line run.json's `error` and the CLI show for a run that failed. A full disk is said in words,
 * with what to do about it; other file-system errors name the file and the problem; anything else keeps
 * its own message (only its first line: a message is not a stack trace).
 */
export function runFailureMessage(error: unknown, runDir: string, epochsCompleted: number): string {
  const epochs = `${epochsCompleted} epoch${epochsCompleted === 1 ? '' : 's'}`
  if (isDiskFull(error)) {
    return (
      `The disk holding ${runDir} is full (no space left on device): training stopped with ${epochs} completed. ` +
      `Free some space, then \`cnn-workbench train --resume ${runDir}\` continues from the last checkpoint.`
    )
  }
  const words = fileErrorInWords(error)
  const file = (error as { path?: unknown } | null)?.path
  if (words) return `Writing the run folder failed: ${words}${typeof file === 'string' ? ` (${file})` : ''}.`
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] || 'Training failed for an unknown reason.'
}
