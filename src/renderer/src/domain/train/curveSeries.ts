import type { EpochFigures, MetricsLine } from '../../../../shared/training'

/** One chart point; x is in epochs (1.5 = half-way through the second epoch). */
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
}

/** Curves being drawn as figures arrive, for the live run or a run read from its metrics file. */
export class CurveBuilder {
  readonly curves: RunCurves = {
    batchLoss: new DecimatedSeries(),
    batchAccuracy: new DecimatedSeries(),
    trainLoss: [],
    trainAccuracy: [],
    valLoss: [],
    valAccuracy: []
  }
  private readonly lossSmoother = new Smoother()
  private readonly accuracySmoother = new Smoother()
  private lastBatchX = -Infinity

  /** A batch sample at x epochs; samples that do not move forward (a repeated event) are ignored. */
  addBatch(x: number, loss: number, accuracy: number): void {
    if (!(x > this.lastBatchX)) return
    this.lastBatchX = x
    this.curves.batchLoss.push(x, this.lossSmoother.next(loss))
    this.curves.batchAccuracy.push(x, this.accuracySmoother.next(accuracy))
  }

  /** The figures of a finished (1-based) epoch; an epoch already drawn is drawn once. */
  addEpoch(epoch: number, figures: EpochFigures): void {
    const c = this.curves
    if (c.trainLoss.some((p) => p.x === epoch)) return
    c.trainLoss.push({ x: epoch, y: figures.trainLoss })
    c.trainAccuracy.push({ x: epoch, y: figures.trainAccuracy })
    if (figures.valLoss !== null) c.valLoss.push({ x: epoch, y: figures.valLoss })
    if (figures.valAccuracy !== null) c.valAccuracy.push({ x: epoch, y: figures.valAccuracy })
  }
}

/** A run's curves from its metrics.jsonl lines; batch lines are placed by step, in epochs. */
export function curvesFromMetrics(lines: readonly MetricsLine[]): CurveBuilder {
  const builder = new CurveBuilder()
  const firstEpoch = lines.find((l) => l.kind === 'epoch')
  const stepsPerEpoch = firstEpoch && firstEpoch.step > 0 ? firstEpoch.step / firstEpoch.epoch : null
  for (const line of lines) {
    if (line.kind === 'epoch') builder.addEpoch(line.epoch, line)
    else builder.addBatch(stepsPerEpoch ? line.step / stepsPerEpoch : line.epoch, line.loss, line.accuracy)
  }
  return builder
}
