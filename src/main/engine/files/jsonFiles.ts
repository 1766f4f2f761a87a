import { readFile } from 'node:fs/promises'
import { fileErrorInWords } from './fileErrors'

/** A file the app reads that is missing, unreadable or damaged; the message names the file. */
export class FileContentError extends Error {
  override name = 'FileContentError'
  constructor(
    message: string,
    readonly code?: string
  ) {
    super(message)
  }
}

/**
 * Reads and parses a JSON file, with a message that names the file when it cannot: a damaged file (cut
 * short by a crash, edited by hand) said as such, instead of JSON.parse's bare "Unexpected end of JSON
 * input". ENOENT keeps its code, so callers can say what a missing file means where they are.
 */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FileContentError(
      `${file} cannot be read: ${fileErrorInWords(error) ?? (error as Error).message}.`,
      code
    )
  }
  return parseJsonText(text, file)
}

/** JSON.parse with the file's name in the message. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const empty = text.trim() === '' ? 'it is empty' : `it is not valid JSON (${detail})`
    throw new FileContentError(`${file} is damaged: ${empty}.`)
  }
}
