import { createHash } from 'node:crypto'
import {
  DatasetOpenOptions,
  type DatasetOpenOptions as OpenOptions,
  type DatasetSource,
  type ResizeMode
} from '../../../shared/datasetSchemas'
import { assembleDataset, type OpenedDataset, type SourceList } from './assembleDataset'
import { chooseInputFormat, requestedShape } from './chooseInputFormat'
import { decodeAll, decodeFiles } from './decodeAll'
import { DEFAULT_PIXEL_LIMIT } from './decodeImage'
import { defaultCacheDir, hashText, readDatasetCache, writeDatasetCache, type CacheKey } from './datasetCache'
import { DatasetError } from './datasetErrors'
import { openMnist } from './mnistSample'
import { progressReporter, type ImportContext } from './progressReporter'
import { scanFolder, type FolderScan } from './scanFolder'
import { DEFAULT_SEED, DEFAULT_SPLIT } from './splitDataset'

export type { OpenedDataset } from './assembleDataset'
export { DatasetError } from './datasetErrors'
export { formatImportReport } from './reportText'
export { imagePixels, originalImagePng } from './datasetImages'

export interface OpenContext extends ImportContext {
  /** Where decoded datasets are cached; default `$XDG_CACHE_HOME/cnn-workbench/datasets`. */
  cacheDir?: string
  /** Decompression-bomb guard in pixels; default 50 megapixels. */
  pixelLimit?: number
}

export const DEFAULT_RESIZE: ResizeMode = 'stretch'

/**
 * The cache key: every scanned file's relative path, size and mtime (no file is read), plus
 * what the user asked for. Defaults derived from the data are a function of the same files.
 */
function folderCacheKey(
  scan: FolderScan,
  options: OpenOptions,
  resize: ResizeMode,
  pixelLimit: number
): CacheKey {
  const format = JSON.stringify({ shape: requestedShape(options), resize, pixelLimit })
  const lines = scan.files.map((file) => `${file.path}\0${file.size}\0${file.mtimeMs}`)
  const content = createHash('sha256')
    .update(JSON.stringify([scan.classNames, scan.splitSource, format]))
    .update(lines.join('\n'))
  return {
    source: hashText(`${scan.root}\0${format}`).slice(0, 16),
    content: content.digest('hex').slice(0, 32)
  }
}

function sourceList(scan: FolderScan): SourceList {
  const { files } = scan
  return {
    source: scan.root,
    root: scan.root,
    classNames: scan.classNames,
    path: (i) => files[i]?.path ?? '',
    classIndex: (i) => files[i]?.classIndex ?? 0,
    folderSplit: (i) => files[i]?.folderSplit ?? null,
    hasValFolder: scan.hasValFolder,
    splitSource: scan.splitSource,
    warnings: scan.warnings,
    skipped: scan.skipped
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

async function openFolder(
  folder: string,
  options: OpenOptions,
  ctx: OpenContext,
  startedAt: number
): Promise<OpenedDataset> {
  const scan = await scanFolder(folder, ctx)
  if (scan.files.length === 0) {
    throw new DatasetError(
      `No images found in ${scan.root}. Put one sub-folder per class in it, each holding PNG, JPEG, WebP, GIF or TIFF files.`
    )
  }
  const resize = options.resize ?? DEFAULT_RESIZE
  const pixelLimit = ctx.pixelLimit ?? DEFAULT_PIXEL_LIMIT
  const cacheDir = ctx.cacheDir ?? defaultCacheDir()
  const key = folderCacheKey(scan, options, resize, pixelLimit)
  const split = { seed: options.seed ?? DEFAULT_SEED, split: options.split ?? DEFAULT_SPLIT, startedAt }
  const report = progressReporter(ctx.onProgress)

  report('cache', 0, 1)
  const cached = await readDatasetCache(cacheDir, key)
  report('cache', 1, 1)
  if (cached) return assembleDataset(sourceList(scan), cached, { ...split, fromCache: true })

  const files = scan.files
  const input = await chooseInputFormat(
    files.map((file) => file.absolute),
    options
  )
  const decodeOne = decodeFiles(files, input, resize, pixelLimit)
  const decoded = await decodeAll(files.length, (i) => files[i]?.path ?? '', decodeOne, input, resize, ctx)
  const dataset = assembleDataset(sourceList(scan), decoded, { ...split, fromCache: false })
  report('cache', 0, 1)
  try {
    await writeDatasetCache(cacheDir, key, decoded, ctx.signal)
  } catch (error) {
    if (isAbort(error)) throw error
    dataset.report.warnings.push(
      `The decoded images could not be cached in ${cacheDir} (${String(error)}); the next open will decode them again.`
    )
  }
  report('cache', 1, 1)
  dataset.report.seconds = (performance.now() - startedAt) / 1000
  return dataset
}

/** Opens a folder-per-class dataset (cached after the first import) or the built-in MNIST sample. */
export async function openDataset(
  source: DatasetSource,
  options: OpenOptions = {},
  ctx: OpenContext = {}
): Promise<OpenedDataset> {
  const startedAt = performance.now()
  const parsed = DatasetOpenOptions.safeParse(options)
  if (!parsed.success) {
    throw new DatasetError(
      `Invalid dataset options: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.`
    )
  }
  const opened =
    source.kind === 'mnist'
      ? await openMnist(parsed.data, { ...ctx, cacheDir: ctx.cacheDir ?? defaultCacheDir() }, startedAt)
      : await openFolder(source.path, parsed.data, ctx, startedAt)
  opened.report.seconds = (performance.now() - startedAt) / 1000
  return opened
}
