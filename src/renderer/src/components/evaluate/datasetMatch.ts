import type { DatasetSource, ImportReport } from '../../../../shared/datasetSchemas'
import type { DatasetReference } from '../../../../shared/training'

export interface OpenDataset {
  report: ImportReport
  classNames: readonly string[]
  /** What the user opened, when this window opened it. */
  source: DatasetSource | null
}

const trimSlash = (p: string): string => p.replace(/[\\/]+$/, '')

function sameSource(a: DatasetSource, open: OpenDataset): boolean {
  if (open.source) {
    if (open.source.kind !== a.kind) return false
    if (a.kind === 'mnist') return true
    if (open.source.kind === 'folder' && trimSlash(open.source.path) === trimSlash(a.path)) return true
  }
  // The report names a folder by its resolved path, and MNIST by a fixed title.
  return a.kind === 'mnist'
    ? /mnist/i.test(open.report.source)
    : trimSlash(open.report.source) === trimSlash(a.path)
}

/**
 * Why the open dataset cannot show a run's images, or null when it is the one the run used: the image
 * indexes of an evaluation point into that dataset, opened with the same size, classes and split.
 */
export function datasetMismatch(run: DatasetReference, open: OpenDataset | null): string | null {
  const where = run.source.kind === 'mnist' ? 'the MNIST sample' : run.source.path
  if (!open) return `No dataset is open. Open ${where} in the Data room to see the images.`
  if (!sameSource(run.source, open))
    return `This run was trained on ${where}, not on the open dataset: open it in the Data room to see its images.`
  const i = run.input
  const o = open.report.input
  if (i.height !== o.height || i.width !== o.width || i.channels !== o.channels)
    return `This run used ${i.height}×${i.width}×${i.channels} images; the dataset is open at ${o.height}×${o.width}×${o.channels}. Open it again with the run’s size to see its images.`
  if (run.classNames.join('\n') !== open.classNames.join('\n'))
    return 'The open dataset’s classes differ from the run’s: the images shown would not match.'
  const counts = { train: 0, val: 0, test: 0 }
  for (const c of open.report.classes) {
    counts.train += c.splits.train
    counts.val += c.splits.val
    counts.test += c.splits.test
  }
  if (counts.train !== run.counts.train || counts.val !== run.counts.val || counts.test !== run.counts.test)
    return 'The open dataset is split differently from the run’s (another seed or split?): open it with the run’s split to see the right images.'
  return null
}
