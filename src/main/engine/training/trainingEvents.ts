import { learningRateAt, type RunJson, type RunStatus, type TrainingProgress } from '../../../shared/training'
import type { ProgressClock } from './progressClock'
import { memorySnapshot } from './trainingMemory'

/** What a progress event says about the moment; the rest is the run's and the clock's. */
export type EventPart = Pick<
  TrainingProgress,
  | 'epoch'
  | 'batch'
  | 'batchesPerEpoch'
  | 'batchLoss'
  | 'batchAccuracy'
  | 'epochEnd'
  | 'etaSeconds'
  | 'learningRate'
  | 'message'
  | 'evaluation'
  | 'periodic'
>

/** The fields of an event between batches: no batch figures, no epoch end, no estimate. */
const BETWEEN_BATCHES = {
  batch: 0,
  batchLoss: null,
  batchAccuracy: null,
  epochEnd: null,
  etaSeconds: null
} as const

/** Builds a run's `training.progress` events and hands them to the listener, if there is one. */
export class TrainingEvents {
  status: RunStatus = 'running'
  private lastEvaluationEvent = -Infinity

  constructor(
    private readonly run: RunJson,
    private readonly clock: ProgressClock,
    private readonly onProgress: ((progress: TrainingProgress) => void) | undefined,
    /** The epochs and steps the run takes in all (with `steps` set, the epochs follow from them). */
    private readonly plan: { epochs: number; steps: number }
  ) {}

  /** A cosine schedule spans the epochs the run takes, which `steps` decides when it is set. */
  private get scheduleSettings(): RunJson['settings'] {
    return { ...this.run.settings, epochs: this.plan.epochs }
  }

  emit(step: number, part: EventPart): void {
    this.onProgress?.({
      runId: this.run.id,
      state: this.status,
      step,
      epochs: this.plan.epochs,
      steps: this.plan.steps,
      imagesPerSecond: this.clock.imagesPerSecond,
      memory: memorySnapshot(),
      ...part
    })
  }

  /** Progress of the final evaluation: at most ten events a second, and always the last one. */
  evaluation(
    step: number,
    epochsCompleted: number,
    evaluation: NonNullable<TrainingProgress['evaluation']>
  ): void {
    const now = performance.now()
    if (evaluation.done < evaluation.total && now - this.lastEvaluationEvent < 100) return
    this.lastEvaluationEvent = now
    this.emit(step, {
      ...BETWEEN_BATCHES,
      epoch: Math.max(1, epochsCompleted),
      batchesPerEpoch: 1,
      learningRate: learningRateAt(this.scheduleSettings, Math.max(0, epochsCompleted - 1)),
      evaluation
    })
  }

  /**
   * The run's state changed (started, paused, resumed…) where it stands: after `batchesDone` batches of
   * the epoch after the completed ones, so a pause shows the position it keeps.
   */
  stateChange(step: number, epochsCompleted: number, batchesPerEpoch: number, batchesDone = 0): void {
    this.emit(step, {
      ...BETWEEN_BATCHES,
      epoch: Math.min(epochsCompleted + 1, this.plan.epochs),
      batch: batchesDone,
      batchesPerEpoch,
      learningRate: learningRateAt(this.scheduleSettings, epochsCompleted)
    })
  }
}
