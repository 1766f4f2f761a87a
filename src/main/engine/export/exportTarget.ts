import { readdir } from 'node:fs/promises'

/** How many names of a folder's contents are listed when asking whether to replace them. */
const LISTED = 8

/** What the folder `dir` holds now: its first names, sorted, and how many there are (none if it is missing). */
export async function exportTargetContents(dir: string): Promise<{ files: string[]; count: number }> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    // Missing, or a file: the export itself says what is wrong with a file there.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { files: [], count: 0 }
    throw err
  }
  const visible = names.filter((n) => !n.startsWith('.')).sort()
  return { files: visible.slice(0, LISTED), count: visible.length }
}
