import type {
  DatasetItem,
  ImportReport,
  InputShape,
  SplitFractions,
  SplitName
} from '../../../shared/datasetSchemas'
import type { DecodedSet } from './datasetCache'
import { DatasetError } from './datasetErrors'
import { buildImportReport, imbalanceWarning } from './importReport'
import { mergeIndexes, splitStratified, type SplitIndexes } from './splitDataset'

export interface OpenedDataset {
  report: ImportReport
  /** Absolute dataset folder; null for the built-in MNIST sample. */
  root: string | null
  classNames: string[]
  input: InputShape
  /** Every image, uint8 HWC, one after another: N·H·W·C bytes. */
  pixels: Uint8Array
  labels: Int32Array
  items: DatasetItem[]
  /** Indexes into `items`. */
  splits: SplitIndexes
}

/** Where the decoded images came from: per source index, its path, class and folder-given split. */
export interface SourceList {
  source: string
  root: string | null
  classNames: string[]
  path: (sourceIndex: number) => string
  classIndex: (sourceIndex: number) => number
  folderSplit: (sourceIndex: number) => SplitName | null
  /** With folder-given splits but no val folder, val is carved from train. */
  hasValFolder: boolean
  splitSource: ImportReport['splitSource']
  warnings: string[]
  /** Folders the scan could not (or would not) read; listed before the files that could not be decoded. */
  skipped?: ImportReport['skipped']
}

export interface AssembleOptions {
  seed: number
  split: SplitFractions
  fromCache: boolean
  startedAt: number
}

function folderSplits(
  list: SourceList,
  decoded: DecodedSet,
  labels: Int32Array,
  opts: AssembleOptions
): SplitIndexes {
  const byFolder: Record<SplitName, number[]> = { train: [], val: [], test: [] }
  decoded.sourceIndex.forEach((source, i) => byFolder[list.folderSplit(source) ?? 'train'].push(i))
  if (list.hasValFolder || opts.split.val === 0) {
    return {
      train: mergeIndexes(byFolder.train),
      val: mergeIndexes(byFolder.val),
      test: mergeIndexes(byFolder.test)
    }
  }
  const carved = splitStratified(
    byFolder.train,
    labels,
    { train: 1 - opts.split.val, val: opts.split.val, test: 0 },
    opts.seed
  )
  return {
    train: carved.train,
    val: mergeIndexes(carved.val, byFolder.val),
    test: mergeIndexes(byFolder.test)
  }
}

/**
 * Turns decoded images (fresh or from the cache) into the opened dataset: drops classes with
 * no usable image, checks there are at least two, splits, and writes the report.
 */
export function assembleDataset(list: SourceList, decoded: DecodedSet, opts: AssembleOptions): OpenedDataset {
  const warnings = [...list.warnings]
  const counts = list.classNames.map(() => 0)
  for (const source of decoded.sourceIndex) counts[list.classIndex(source)]!++
  const remap = new Int32Array(list.classNames.length).fill(-1)
  const classNames: string[] = []
  list.classNames.forEach((name, i) => {
    if (counts[i]) {
      remap[i] = classNames.length
      classNames.push(name)
    } else {
      warnings.push(`The class folder "${name}" has no usable images and was left out.`)
    }
  })
  if (classNames.length < 2) {
    const found =
      classNames.length === 0
        ? 'no class with usable images'
        : `only one class with usable images ("${classNames[0]}")`
    throw new DatasetError(
      `${list.source}: found ${found}. A dataset needs at least two class folders with images, one sub-folder per class (for example cats/ and dogs/).`
    )
  }
  const labels = Int32Array.from(decoded.sourceIndex, (source) => remap[list.classIndex(source)] as number)
  const imbalance = imbalanceWarning(
    classNames,
    counts.filter((count) => count > 0)
  )
  if (imbalance) warnings.push(imbalance)

  const all = Int32Array.from({ length: labels.length }, (_, i) => i)
  const splits =
    list.splitSource === 'folders'
      ? folderSplits(list, decoded, labels, opts)
      : splitStratified(all, labels, opts.split, opts.seed)
  const splitOf: SplitName[] = new Array<SplitName>(labels.length)
  for (const name of ['train', 'val', 'test'] as const) for (const i of splits[name]) splitOf[i] = name
  const items: DatasetItem[] = Array.from({ length: labels.length }, (_, i) => ({
    index: i,
    label: labels[i] as number,
    split: splitOf[i] ?? 'train',
    path: list.path(decoded.sourceIndex[i] as number),
    width: decoded.widths[i] as number,
    height: decoded.heights[i] as number,
    format: decoded.formats[i] ?? 'unknown'
  }))
  const report = buildImportReport({
    source: list.source,
    classNames,
    labels,
    splits,
    widths: decoded.widths,
    heights: decoded.heights,
    skipped: [...(list.skipped ?? []), ...decoded.skipped],
    warnings,
    input: decoded.input,
    resize: decoded.resize,
    seed: opts.seed,
    splitSource: list.splitSource,
    fromCache: opts.fromCache,
    seconds: (performance.now() - opts.startedAt) / 1000
  })
  return {
    report,
    root: list.root,
    classNames,
    input: decoded.input,
    pixels: decoded.pixels,
    labels,
    items,
    splits
  }
}
