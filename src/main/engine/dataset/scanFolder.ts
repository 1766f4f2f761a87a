import { statSync } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import path from 'node:path'
import type { Dirent } from 'node:fs'
import type { ImportReport, SplitName } from '../../../shared/datasetSchemas'
import { DatasetError, throwIfAborted } from './datasetErrors'
import type { ImportContext } from './progressReporter'
import { progressReporter } from './progressReporter'
import { IMAGE_EXTENSIONS, unreadableFolder, Walker, type Found } from './folderWalker'

export interface ScannedFile {
  /** Relative to the dataset root, with '/' separators. */
  path: string
  absolute: string
  size: number
  mtimeMs: number
  classIndex: number
  /** The split its folder names (train/val/test layout), or null. */
  folderSplit: SplitName | null
}

export interface FolderScan {
  root: string
  classNames: string[]
  /** Sorted by class, then path: the order is the same on every scan of an unchanged folder. */
  files: ScannedFile[]
  splitSource: 'folders' | 'seeded'
  hasValFolder: boolean
  warnings: string[]
  /** Folders (and files) that could not be read, or were not meant to be, with the reason. */
  skipped: ImportReport['skipped']
}

const classOrder = new Intl.Collator('en', { numeric: true }).compare
const SPLIT_FOLDERS: Record<string, SplitName> = {
  train: 'train',
  val: 'val',
  validation: 'val',
  test: 'test'
}

interface TopFolder {
  name: string
  real: string
  absolute: string
}

/** The class (or split) folders in a folder; an unreadable split folder is skipped, an unreadable root refused. */
async function subFolders(
  walker: Walker,
  real: string,
  absolute: string,
  relative = ''
): Promise<TopFolder[]> {
  let entries: Dirent[]
  try {
    entries = await readdir(absolute, { withFileTypes: true })
  } catch (error) {
    if (relative === '')
      throw new DatasetError(`The dataset folder ${absolute} cannot be opened: ${unreadableFolder(error)}.`)
    walker.skipped.push({ path: `${relative}/`, reason: unreadableFolder(error) })
    return []
  }
  const folders: TopFolder[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue
    const childAbsolute = path.join(absolute, entry.name)
    const resolved = await walker.resolve(childAbsolute, entry)
    if (!resolved?.stats.isDirectory()) continue
    const childReal = entry.isSymbolicLink() ? resolved.real : path.join(real, entry.name)
    folders.push({ name: entry.name, real: childReal, absolute: childAbsolute })
  }
  return folders.sort((a, b) => classOrder(a.name, b.name))
}

async function looseImages(folder: string): Promise<number> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [] as Dirent[])
  return entries.filter(
    (entry) =>
      !entry.name.startsWith('.') &&
      entry.isFile() &&
      IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())
  ).length
}

async function rootStats(root: string): Promise<string> {
  try {
    if (!statSync(root).isDirectory())
      throw new DatasetError(`${root} is a file; choose the folder that holds one sub-folder per class.`)
    return await realpath(root)
  } catch (error) {
    if (error instanceof DatasetError) throw error
    throw new DatasetError(
      `The dataset folder ${root} cannot be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}); check that it exists and can be read.`
    )
  }
}

/**
 * Lists a folder-per-class dataset without reading any image: lstat sizes and times only,
 * so that the cache key of a 70,000-image folder costs a fraction of a second.
 */
export async function scanFolder(rootPath: string, ctx: ImportContext = {}): Promise<FolderScan> {
  const root = path.resolve(rootPath)
  const rootReal = await rootStats(root)
  const report = progressReporter(ctx.onProgress)
  const walker = new Walker(rootReal, { ...ctx, report: (n) => report('scan', n, 0) })
  walker.visited.add(rootReal)
  const top = await subFolders(walker, rootReal, root)
  const warnings: string[] = []
  const loose = await looseImages(root)
  if (loose > 0) {
    warnings.push(
      `${loose} image file${loose === 1 ? ' lies' : 's lie'} directly in the dataset folder and ${loose === 1 ? 'was' : 'were'} ignored; move images into a sub-folder named after their class.`
    )
  }
  const splitFolders = top.filter((folder) => SPLIT_FOLDERS[folder.name.toLowerCase()])
  const splitNames = new Set(splitFolders.map((folder) => SPLIT_FOLDERS[folder.name.toLowerCase()]))
  const useFolders = splitNames.has('train') && splitNames.has('test')

  const groups: Array<{ split: SplitName | null; prefix: string; classes: TopFolder[] }> = []
  if (useFolders) {
    for (const folder of top) {
      if (!SPLIT_FOLDERS[folder.name.toLowerCase()])
        warnings.push(
          `The folder "${folder.name}" was ignored: this dataset is split into train/ and test/ folders.`
        )
    }
    for (const folder of splitFolders) {
      walker.visited.add(folder.real)
      const split = SPLIT_FOLDERS[folder.name.toLowerCase()] ?? null
      groups.push({
        split,
        prefix: `${folder.name}/`,
        classes: await subFolders(walker, folder.real, folder.absolute, folder.name)
      })
    }
  } else {
    groups.push({ split: null, prefix: '', classes: top })
  }

  const classNames = [...new Set(groups.flatMap((group) => group.classes.map((c) => c.name)))].sort(
    classOrder
  )
  const classIndex = new Map(classNames.map((name, i) => [name, i]))
  const perClass: ScannedFile[][] = classNames.map(() => [])
  for (const group of groups) {
    for (const folder of group.classes) {
      throwIfAborted(ctx.signal)
      const found: Found[] = []
      await walker.walk(folder.real, folder.absolute, `${group.prefix}${folder.name}`, found)
      const index = classIndex.get(folder.name) as number
      for (const file of found) {
        perClass[index]?.push({
          path: file.path,
          absolute: file.absolute,
          size: file.stats.size,
          mtimeMs: file.stats.mtimeMs,
          classIndex: index,
          folderSplit: group.split
        })
      }
    }
  }
  const files: ScannedFile[] = []
  for (const list of perClass) for (const file of list) files.push(file)
  report('scan', files.length, files.length)
  return {
    root,
    classNames,
    files,
    splitSource: useFolders ? 'folders' : 'seeded',
    hasValFolder: splitNames.has('val'),
    warnings,
    skipped: walker.skipped
  }
}
