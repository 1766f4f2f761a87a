import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE } from '../../../shared/export/exportManifest'
import { subFolders, syncDir, writeSynced } from '../files/syncedWrites'
import { makeFolder } from '../files/writeTarget'
import { RUN_FILE } from '../training/runFolder'
import { WorkbenchError } from '../../../shared/workbenchError'

/*
 * An export is written into a temporary sibling folder, fsynced, then renamed into place. rename cannot
 * replace a non-empty folder, so an existing export steps aside first (".NAME.old-…") and is removed
 * only after the new one is in place; if the process dies between the two renames, the next export to
 * the same place puts the old one back before it starts. A reader therefore finds the old export or the
 * new one, never a mix.
 */

const TEMP = 'tmp'
const OLD = 'old'

function sideName(target: string, kind: typeof TEMP | typeof OLD): string {
  const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
  return path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${unique}`)
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}

/** Removes what a killed export left next to `target`, restoring an old export that had stepped aside. */
export async function recoverInterruptedExport(target: string): Promise<void> {
  const parent = path.dirname(target)
  const prefix = `.${path.basename(target)}.`
  const names = await readdir(parent).catch(() => [] as string[])
  for (const name of names) {
    const match = name.startsWith(prefix) ? /^(tmp|old)-(\d+)-/.exec(name.slice(prefix.length)) : null
    if (!match || processAlive(Number(match[2]))) continue
    const leftover = path.join(parent, name)
    if (match[1] === OLD && !(await exists(target))) await rename(leftover, target)
    else await rm(leftover, { recursive: true, force: true })
  }
}

/** Refuses to replace anything that is not an earlier export (or an empty folder). */
async function checkReplaceable(target: string): Promise<boolean> {
  let info
  try {
    info = await stat(target)
  } catch {
    return false
  }
  if (!info.isDirectory()) {
    throw new WorkbenchError('bad-input', `${target} is a file; give a folder name for the export.`)
  }
  const entries = await readdir(target)
  if (entries.includes(RUN_FILE)) {
    throw new WorkbenchError(
      'bad-input',
      `${target} holds a trained run (it has ${RUN_FILE}); export the training project into a new folder so the run is kept.`
    )
  }
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new WorkbenchError(
      'bad-input',
      `${target} already exists and is not an earlier export (it has no ${MANIFEST_FILE}); choose a new folder name.`
    )
  }
  return true
}

/** Writes `files` as the folder `target`, atomically replacing an earlier export there. */
export async function writeExportFolder(
  target: string,
  files: Record<string, string | Uint8Array>
): Promise<void> {
  const parent = path.dirname(target)
  await makeFolder(parent, 'the export')
  await recoverInterruptedExport(target)
  const hadOld = await checkReplaceable(target)
  const temp = sideName(target, TEMP)
  await mkdir(temp)
  try {
    for (const [name, data] of Object.entries(files)) {
      // Names may hold a sub-folder (the training project's run-weights/).
      await mkdir(path.dirname(path.join(temp, name)), { recursive: true })
      await writeSynced(path.join(temp, name), data)
    }
    for (const sub of subFolders(files)) await syncDir(path.join(temp, sub))
    await syncDir(temp)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  const old = sideName(target, OLD)
  if (hadOld) await rename(target, old)
  try {
    await rename(temp, target)
  } catch (error) {
    if (hadOld) await rename(old, target)
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  await syncDir(parent)
  if (hadOld) await rm(old, { recursive: true, force: true })
}
