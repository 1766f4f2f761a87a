import type { ImportReport, InputShape, ResizeMode } from '../../../shared/datasetSchemas'
import type { SplitIndexes } from './splitDataset'

export interface ReportParts {
  source: string
  classNames: string[]
  labels: Int32Array
  splits: SplitIndexes
  widths: Int32Array
  heights: Int32Array
  skipped: ImportReport['skipped']
  warnings: string[]
  input: InputShape
  resize: ResizeMode
  seed: number
  splitSource: ImportReport['splitSource']
  fromCache: boolean
  seconds: number
}

/** How many sizes the report lists by name; the rest are counted together. */
const LISTED_SIZES = 10

function mostCommonSizes(
  widths: Int32Array,
  heights: Int32Array
): Pick<ImportReport, 'sizes' | 'otherSizes'> {
  const tally = new Map<number, number>()
  // One number per size keeps this loop cheap for 70,000 images.
  for (let i = 0; i < widths.length; i++) {
    const key = (widths[i] as number) * 65536 + (heights[i] as number)
    tally.set(key, (tally.get(key) ?? 0) + 1)
  }
  const sorted = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])
  const sizes = sorted
    .slice(0, LISTED_SIZES)
    .map(([key, count]) => ({ width: Math.floor(key / 65536), height: key % 65536, count }))
  const rest = sorted.slice(LISTED_SIZES)
  if (rest.length === 0) return { sizes }
  return { sizes, otherSizes: { distinct: rest.length, count: rest.reduce((n, [, count]) => n + count, 0) } }
}

export function buildImportReport(parts: ReportParts): ImportReport {
  const classes = parts.classNames.map((name) => ({ name, count: 0, splits: { train: 0, val: 0, test: 0 } }))
  for (const split of ['train', 'val', 'test'] as const) {
    for (const index of parts.splits[split]) {
      const entry = classes[parts.labels[index] as number]
      if (!entry) continue
      entry.count++
      entry.splits[split]++
    }
  }
  return {
    source: parts.source,
    classes,
    skipped: parts.skipped,
    warnings: parts.warnings,
    input: parts.input,
    resize: parts.resize,
    seed: parts.seed,
    splitSource: parts.splitSource,
    total: parts.labels.length,
    ...mostCommonSizes(parts.widths, parts.heights),
    fromCache: parts.fromCache,
    seconds: parts.seconds
  }
}

/** Warns when the largest class has more than three times the images of the smallest. */
export function imbalanceWarning(classNames: string[], counts: number[]): string | null {
  if (counts.length < 2) return null
  const largest = Math.max(...counts)
  const smallest = Math.min(...counts)
  if (smallest <= 0 || largest / smallest <= 3) return null
  const big = classNames[counts.indexOf(largest)]
  const small = classNames[counts.indexOf(smallest)]
  return `Classes are imbalanced: "${big}" has ${largest} images, "${small}" only ${smallest} (${(largest / smallest).toFixed(1)}×); consider collecting more of the small classes or weighting them.`
}
