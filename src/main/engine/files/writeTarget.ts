import { lstat, mkdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { WorkbenchError } from '../../../shared/workbenchError'
import { fileErrorInWords } from './fileErrors'
import { systemViewOf } from './systemViews'

/** The deepest part of `target` that exists (target itself, a parent, or the root). */
async function deepestExisting(target: string): Promise<string> {
  let p = target
  while (
    !(await lstat(p).then(
      () => true,
      () => false
    ))
  ) {
    const parent = path.dirname(p)
    if (parent === p) break
    p = parent
  }
  return p
}

/**
 * Refuses a place the app would write a folder (`kind` says what: "the export", "the project"…) before
 * anything is created: a place under /proc, /sys or /dev (also through a symbolic link), under a file,
 * or that is itself a file. Returns the absolute path. Throws a WorkbenchError a person can act on.
 */
export async function checkFolderTarget(target: string, kind = 'the folder'): Promise<string> {
  const absolute = path.resolve(target)
  const refuse = (why: string): never => {
    throw new WorkbenchError('bad-input', `${absolute} cannot hold ${kind}: ${why}`)
  }
  const direct = systemViewOf(absolute)
  if (direct)
    refuse(`${direct} is a view of the running system, not a place for files; choose a folder on a disk.`)
  const existing = await deepestExisting(absolute)
  const real = await realpath(existing).catch(() => existing)
  const linked = systemViewOf(real)
  if (linked)
    refuse(`${existing} leads into ${linked}, a view of the running system; choose a folder on a disk.`)
  const info = await stat(existing).catch(() => null)
  if (info && !info.isDirectory()) {
    refuse(existing === absolute ? 'it is a file, not a folder.' : `${existing} is a file, not a folder.`)
  }
  return absolute
}

/**
 * Creates a folder and its missing parents after checkFolderTarget, one level at a time: a file system
 * that answers oddly (procfs, some FUSE mounts) gets an error, never an endless loop.
 */
export async function makeFolder(target: string, kind = 'the folder'): Promise<string> {
  const absolute = await checkFolderTarget(target, kind)
  const missing: string[] = []
  for (
    let p = absolute;
    !(await lstat(p).then(
      () => true,
      () => false
    ));
    p = path.dirname(p)
  ) {
    missing.unshift(p)
    if (path.dirname(p) === p) break
  }
  for (const p of missing) {
    await mkdir(p).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return
      const words = fileErrorInWords(error)
      throw words ? new WorkbenchError('failed', `${p} cannot be created for ${kind}: ${words}.`) : error
    })
  }
  return absolute
}

/**
 * Refuses a place the app would write one file: a folder it cannot make (see checkFolderTarget), or an
 * existing entry that is not a plain file (opening a FIFO to write would wait forever for a reader).
 * Creates the parent folder; returns the absolute path.
 */
export async function prepareFileTarget(target: string, kind = 'the file'): Promise<string> {
  const absolute = path.resolve(target)
  const info = await lstat(absolute).catch(() => null)
  if (info && !info.isFile()) {
    const what = info.isDirectory() ? 'a folder' : 'not a plain file'
    throw new WorkbenchError('bad-input', `${absolute} cannot hold ${kind}: it is ${what}.`)
  }
  await makeFolder(path.dirname(absolute), kind)
  return absolute
}
