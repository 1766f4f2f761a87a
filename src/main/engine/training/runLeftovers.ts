import { readdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { CHECKPOINTS_DIR } from './checkpointFiles'

/** write-file-atomic's temp files: the target's name, a dot and a number ("run.json.3197302714"). */
const TEMP_FILE = /^(?:run\.json|metrics\.jsonl|evaluation\.json)\.[0-9a-f]+$/i
/** writeFolderAtomic's folders: `.partial-NAME-UNIQUE` being written, `.replaced-NAME-UNIQUE` stepping aside. */
const PARTIAL = /^\.partial-/
const REPLACED = /^\.replaced-(.+)-\d+-\d+-[0-9a-z]+$/

/**
 * Removes what a writer killed mid-write leaves in a run folder and its checkpoints folder: temp files of
 * atomic writes and partial folders. A folder that had stepped aside for its replacement is put back when
 * the replacement never arrived. Only for runs no process is writing (see readRunJson); returns the names
 * it removed or restored. Errors are ignored: this tidies, it never stops a read.
 */
export async function removeRunLeftovers(runDir: string): Promise<string[]> {
  const done: string[] = []
  for (const dir of [runDir, path.join(runDir, CHECKPOINTS_DIR)]) {
    const names = await readdir(dir).catch(() => [] as string[])
    for (const name of names) {
      const full = path.join(dir, name)
      const replaced = REPLACED.exec(name)
      try {
        if (TEMP_FILE.test(name) || PARTIAL.test(name)) {
          await rm(full, { recursive: true, force: true })
          done.push(name)
        } else if (replaced?.[1]) {
          const restored =
            !names.includes(replaced[1]) &&
            (await rename(full, path.join(dir, replaced[1])).then(
              () => true,
              () => false
            ))
          if (!restored) await rm(full, { recursive: true, force: true })
          done.push(name)
        }
      } catch {
        // Left for the next open.
      }
    }
  }
  return done
}
