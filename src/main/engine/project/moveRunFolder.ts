import { cp, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'

const exists = (p: string): Promise<boolean> =>
  stat(p).then(
    () => true,
    () => false
  )

/** Leftovers of interrupted writes, never worth carrying. */
export const isWriteLeftover = (source: string): boolean =>
  /^\.(partial|replaced)-/.test(path.basename(source))

/**
 * Moves a run folder to `to`, which must not exist. Within one file system this is one rename; across
 * file systems (EXDEV) the folder is copied beside `to`, renamed into place, and only then removed, so
 * the run is always whole in one of the two places.
 */
export async function moveRunFolder(from: string, to: string): Promise<void> {
  if (await exists(to)) throw new Error(`${to} already exists; the run was left in ${from}.`)
  try {
    await rename(from, to)
    return
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
  }
  const partial = path.join(path.dirname(to), `.partial-${path.basename(to)}`)
  await rm(partial, { recursive: true, force: true })
  await cp(from, partial, {
    recursive: true,
    errorOnExist: true,
    force: false,
    filter: (s) => !isWriteLeftover(s)
  })
  await rename(partial, to)
  await rm(from, { recursive: true, force: true })
}
