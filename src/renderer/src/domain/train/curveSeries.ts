import type { EpochFigures, MetricsLine, PeriodicFigures } from '../../../../shared/training'

/**
 * What a run's charts count along x: epochs (1.5 = half-way through the second), or optimizer steps
 * (iterations) for a run that trains for a number of steps, as the lecture plots its Deep MNIST run.
 */
export type CurveAxis = 'epoch' | 'step'

/** Steps for a run that trains for a number of steps, else epochs. */
export function curveAxisOf(settings: { steps?: number | undefined } | undefined): CurveAxis {
  return settings?.steps === undefined ? 'epoch' : 'step'
}

/** One chart point; x is in the curves' axis unit. */
export interface CurvePoint {
  x: number
  y: number
}

/** Most points a per-batch series keeps; beyond that neighbouring points are averaged in pairs. */
export const MAX_BATCH_POINTS = 600
/** Weight of the newest sample in the smoothed per-batch curves. */
export const SMOOTHING = 0.2

/**
 * A series that never holds more than `maxPoints`: when it fills up, pairs of points are merged and
 * each later point stands for twice as many samples, so a long run costs the chart the same as a short one.
 */
export class DecimatedSeries {
  readonly points: CurvePoint[] = []
  private stride = 1
  private pending: CurvePoint[] = []

  constructor(private readonly maxPoints = MAX_BATCH_POINTS) {}

  push(x: number, y: number): void {
    this.pending.push({ x, y })
    if (this.pending.length < this.stride) return
    this.points.push(mean(this.pending))
    this.pending = []
    if (this.points.length >= this.maxPoints) {
      const merged: CurvePoint[] = []
      for (let i = 0; i < this.points.length; i += 2) merged.push(mean(this.points.slice(i, i + 2)))
      this.points.splice(0, this.points.length, ...merged)
      this.stride *= 2
    }
  }
}

function mean(points: CurvePoint[]): CurvePoint {
  const n = points.length
  return {
    x: points.reduce((s, p) => s + p.x, 0) / n,
    y: points.reduce((s, p) => s + p.y, 0) / n
  }
}

/** An exponential moving average, bias-corrected so the first values are not pulled towards 0. */
export class Smoother {
  private value = 0
  private weight = 0

  constructor(private readonly alpha = SMOOTHING) {}

  next(sample: number): number {
    this.value = (1 - this.alpha) * this.value + this.alpha * sample
    this.weight = (1 - this.alpha) * this.weight + this.alpha
    return this.value / this.weight
  }
}

/** Every curve of one run: smoothed per-batch training figures and per-epoch training and validation ones. */
export interface RunCurves {
  batchLoss: DecimatedSeries
  batchAccuracy: DecimatedSeries
  trainLoss: CurvePoint[]
  trainAccuracy: CurvePoint[]
  valLoss: CurvePoint[]
  valAccuracy: CurvePoint[]
  /** The periodic evaluation on the fixed train and test samples (dropout off). */
  sampleTrainLoss: CurvePoint[]
  sampleTrainAccuracy: CurvePoint[]
  sampleTestLoss: CurvePoint[]
  sampleTestAccuracy: CurvePoint[]
}

/** Curves being drawn as figures arrive, for the live run or a run read from its metrics file. */
export class CurveBuilder {
  readonly curves: RunCurves = {
    batchLoss: new DecimatedSeries(),
    batchAccuracy: new DecimatedSeries(),
    trainLoss: [],
    trainAccuracy: [],
    valLoss: [],
    valAccuracy: [],
    sampleTrainLoss: [],
    sampleTrainAccuracy: [],
    sampleTestLoss: [],
    sampleTestAccuracy: []
  }
  private readonly lossSmoother = new Smoother()
  private readonly accuracySmoother = new Smoother()
  private lastBatchX = -Infinity

  constructor(readonly axis: CurveAxis = 'epoch') {}

  /** A batch sample at x; samples that do not move forward (a repeated event) are ignored. */
  addBatch(x: number, loss: number, accuracy: number): void {
    if (!(x > this.lastBatchX)) return
    this.lastBatchX = x
    this.curves.batchLoss.push(x, this.lossSmoother.next(loss))
    this.curves.batchAccuracy.push(x, this.accuracySmoother.next(accuracy))
  }

  /** The figures of a finished (1-based) epoch, at x (default: the epoch); an epoch already drawn is drawn once. */
  addEpoch(epoch: number, figures: EpochFigures, x = epoch): void {
    const c = this.curves
    if (c.trainLoss.some((p) => p.x === x)) return
    c.trainLoss.push({ x, y: figures.trainLoss })
    c.trainAccuracy.push({ x, y: figures.trainAccuracy })
    if (figures.valLoss !== null) c.valLoss.push({ x, y: figures.valLoss })
    if (figures.valAccuracy !== null) c.valAccuracy.push({ x, y: figures.valAccuracy })
  }

  /** A periodic evaluation at x; one already drawn is drawn once. */
  addPeriodic(
    x: number,
    figures: Pick<PeriodicFigures, 'trainLoss' | 'trainAccuracy' | 'testLoss' | 'testAccuracy'>
  ): void {
    const c = this.curves
    if (c.sampleTrainAccuracy.some((p) => p.x === x)) return
    c.sampleTrainLoss.push({ x, y: figures.trainLoss })
    c.sampleTrainAccuracy.push({ x, y: figures.trainAccuracy })
    if (figures.testLoss !== null) c.sampleTestLoss.push({ x, y: figures.testLoss })
    if (figures.testAccuracy !== null) c.sampleTestAccuracy.push({ x, y: figures.testAccuracy })
  }
}

/** A run's curves from its metrics.jsonl lines, placed by step (in epochs on an epoch axis). */
export function curvesFromMetrics(lines: readonly MetricsLine[], axis: CurveAxis = 'epoch'): CurveBuilder {
  const builder = new CurveBuilder(axis)
  const firstEpoch = lines.find((l) => l.kind === 'epoch')
  const stepsPerEpoch = firstEpoch && firstEpoch.step > 0 ? firstEpoch.step / firstEpoch.epoch : null
  const at = (step: number, epoch: number): number =>
    axis === 'step' ? step : stepsPerEpoch ? step / stepsPerEpoch : epoch
  for (const line of lines) {
    if (line.kind === 'epoch') builder.addEpoch(line.epoch, line, axis === 'step' ? line.step : line.epoch)
    else if (line.kind === 'batch') builder.addBatch(at(line.step, line.epoch), line.loss, line.accuracy)
    else builder.addPeriodic(at(line.step, line.epoch), line)
  }
  return builder
}
