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
>

/** Builds a run's `training.progress` events and hands them to the listener, if there is one. */
export class TrainingEvents {
  status: RunStatus = 'running'
  private lastEvaluationEvent = -Infinity

  constructor(
    private readonly run: RunJson,
    private readonly clock: ProgressClock,
    private readonly onProgress: ((progress: TrainingProgress) => void) | undefined
  ) {}

  emit(step: number, part: EventPart): void {
    this.onProgress?.({
      runId: this.run.id,
      state: this.status,
      step,
      epochs: this.run.settings.epochs,
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
      epoch: Math.max(1, epochsCompleted),
      batch: 0,
      batchesPerEpoch: 1,
      batchLoss: null,
      batchAccuracy: null,
      epochEnd: null,
      etaSeconds: null,
      learningRate: learningRateAt(this.run.settings, Math.max(0, epochsCompleted - 1)),
      evaluation
    })
  }
}
