import type * as tf from '@tensorflow/tfjs'
import type { AugmentSpec } from '../../../shared/augment'
import type { EpochFigures, RunJson, TrainingProgress } from '../../../shared/training'
import type { OutputKind } from './classificationLoss'
import type { EarlyStoppingState } from './earlyStopping'
import type { TrainingData } from './trainingData'

/** Where a run picks up: nothing done yet, or the counters of the checkpoint it resumes from. */
export interface TrainerStart {
  epochsCompleted: number
  step: number
  trainedImages: number
  trainingSeconds: number
  earlyStopping: EarlyStoppingState
  bestWeights: tf.Tensor[] | null
}

export interface TrainerOptions {
  runDir: string
  /** The run's record; the trainer keeps it current and rewrites run.json on every status change and epoch end. */
  run: RunJson
  model: tf.LayersModel
  optimizer: tf.Optimizer
  data: TrainingData
  augment: AugmentSpec | null
  kind: OutputKind
  start?: TrainerStart
  onProgress?: (progress: TrainingProgress) => void
  /** Told the run's record each time run.json has been rewritten. */
  onRunChange?: (run: RunJson) => void
  /** Minimum time between two batch progress events; 100 ms means at most ten a second. */
  progressIntervalMs?: number
  /** A batch line goes to metrics.jsonl every this many steps. */
  metricsEverySteps?: number
  keepCheckpoints?: number
}

export interface TrainerOutcome {
  status: 'completed' | 'stopped'
  epochsCompleted: number
  step: number
  stoppedEarly: boolean
  /** The epoch (1-based) whose weights the model holds at the end when early stopping restored them. */
  bestEpoch: number | null
  last: EpochFigures | null
  imagesPerSecond: number | null
}
