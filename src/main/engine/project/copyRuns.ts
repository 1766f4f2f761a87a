import type { Dirent } from 'node:fs'
import { cp, readdir } from 'node:fs/promises'
import path from 'node:path'

/**
 * Copies every run folder of `fromRuns` into `toRuns` (a run being trained is copied as far as it has
 * got). Leftovers of interrupted writes (`.partial-*`, `.replaced-*`) are not copied.
 */
export async function copyRuns(fromRuns: string, toRuns: string): Promise<number> {
  let entries: Dirent[]
  try {
    entries = await readdir(fromRuns, { withFileTypes: true })
  } catch {
    return 0
  }
  let copied = 0
  for (const entry of entries) {
    const name = entry.name
    if (name.startsWith('.') || !entry.isDirectory()) continue
    await cp(path.join(fromRuns, name), path.join(toRuns, name), {
      recursive: true,
      errorOnExist: false,
      force: false,
      filter: (source) => !/^\.(partial|replaced)-/.test(path.basename(source))
    })
    copied++
  }
  return copied
}
