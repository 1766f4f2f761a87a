import { shortRunId } from '../../../../shared/training/runName'
import type { RunJson } from '../../../../shared/training'
import type { ChartLine } from '../train/LiveChart.vue'
import type { RunCurves } from '../../domain/train/curveSeries'
import { formatDate } from '../train/runFormat'

/** The curve the comparison chart draws. */
export type CompareMetric = 'loss' | 'accuracy'

/** How one side of the comparison is drawn. */
interface SideStyle {
  name: 'A' | 'B'
  dashed: boolean
  training: string
  validation: string
}

// Run A is drawn solid, run B dashed; training in blue/orange, validation in green/red.
const SIDE_A: SideStyle = { name: 'A', dashed: false, training: '#4f8cff', validation: '#3fbf7f' }
const SIDE_B: SideStyle = { name: 'B', dashed: true, training: '#f5a524', validation: '#ff6b6b' }

/** A run as the pickers name it: the end of its id, when it started and how it stands. */
export const runLabel = (run: RunJson): string =>
  `${shortRunId(run.id)} · ${formatDate(run.createdAt)} · ${run.status}`

function sideLines(curves: RunCurves | undefined, style: SideStyle, metric: CompareMetric): ChartLine[] {
  if (!curves) return []
  const { name, dashed } = style
  const train = metric === 'loss' ? curves.trainLoss : curves.trainAccuracy
  const val = metric === 'loss' ? curves.valLoss : curves.valAccuracy
  const lines: ChartLine[] = [
    { label: `${name} training`, colour: style.training, points: train, dashed, markers: true }
  ]
  if (val.length > 0)
    lines.push({ label: `${name} validation`, colour: style.validation, points: val, dashed, markers: true })
  return lines
}

/** The chart lines of runs A and B (either may not be loaded yet): training, and validation where there is some. */
export const comparisonLines = (
  a: RunCurves | undefined,
  b: RunCurves | undefined,
  metric: CompareMetric
): ChartLine[] => [...sideLines(a, SIDE_A, metric), ...sideLines(b, SIDE_B, metric)]
