import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { WorkbenchError } from '../../shared/workbenchError'

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.gif', '.tif', '.tiff'])

export interface FolderListing {
  root: string
  path: string
  parent: string | null
  entries: { name: string; path: string }[]
  imageCount: number
}

/**
 * Lists the sub-folders of a folder under the data root, for the in-app folder browser of serve mode.
 * Real paths are compared, so neither `..` nor a symbolic link can lead outside the root.
 */
export async function listFolder(dataRoot: string, requested?: string): Promise<FolderListing> {
  const root = await realpath(dataRoot)
  const target = requested ? path.resolve(root, requested) : root
  let real: string
  try {
    real = await realpath(target)
  } catch {
    throw new WorkbenchError('not-found', `The folder ${target} does not exist.`)
  }
  if (!isInside(root, real)) {
    throw new WorkbenchError('bad-input', `Only folders under ${root} can be browsed here.`)
  }
  if (!(await stat(real)).isDirectory()) throw new WorkbenchError('bad-input', `${real} is not a folder.`)
  const dirents = await readdir(real, { withFileTypes: true })
  const entries: { name: string; path: string }[] = []
  let imageCount = 0
  for (const d of dirents) {
    if (d.name.startsWith('.')) continue
    if (d.isDirectory()) entries.push({ name: d.name, path: path.join(real, d.name) })
    else if (d.isFile() && IMAGE_EXTENSIONS.has(path.extname(d.name).toLowerCase())) imageCount++
  }
  entries.sort((a, b) => a.name.localeCompare(b.name))
  return { root, path: real, parent: real === root ? null : path.dirname(real), entries, imageCount }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}
