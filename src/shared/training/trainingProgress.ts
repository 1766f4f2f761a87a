import { z } from 'zod'

export const RUN_STATUSES = ['running', 'paused', 'stopped', 'completed', 'failed', 'interrupted'] as const
/** running → paused ↔ running → stopped | completed | failed; interrupted = the process died while running. */
export const RunStatus = z.enum(RUN_STATUSES)
export type RunStatus = z.infer<typeof RunStatus>

export const TrainingMemory = z.object({
  numTensors: z.number().int(),
  rssBytes: z.number(),
  gpuBytes: z.number().optional()
})

/** Figures of a finished epoch; val figures are null when there is no validation split or it was skipped. */
export const EpochFigures = z.object({
  trainLoss: z.number(),
  trainAccuracy: z.number(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable()
})
export type EpochFigures = z.infer<typeof EpochFigures>

/** Accuracy and loss at one step on the run's fixed train and test samples, dropout off (settings.evaluation). */
export const PeriodicFigures = z.object({
  step: z.number().int(),
  trainLoss: z.number(),
  trainAccuracy: z.number(),
  testLoss: z.number().nullable(),
  testAccuracy: z.number().nullable(),
  /** Images of each sample: at most settings.evaluation.images (fewer when the split is smaller). */
  trainImages: z.number().int(),
  testImages: z.number().int()
})
export type PeriodicFigures = z.infer<typeof PeriodicFigures>

/**
 * The `training.progress` event payload. Sent at most ten times a second during an epoch, and always
 * once when an epoch ends (then `epochEnd` holds the epoch's figures) and when the status changes.
 */
export const TrainingProgress = z.object({
  runId: z.string(),
  state: RunStatus,
  /** Optimizer steps taken since the run began (across resumes). */
  step: z.number().int(),
  /** 1-based epoch being trained (or just finished when `epochEnd` is set). */
  epoch: z.number().int(),
  epochs: z.number().int(),
  /** Steps the run takes in all (settings.steps, or epochs × batches per epoch); absent from older engines. */
  steps: z.number().int().optional(),
  /**
   * 1-based batch within the epoch. An event between batches (a change of state, without batch figures)
   * gives the batches done in that epoch so far: a paused run keeps its position.
   */
  batch: z.number().int(),
  batchesPerEpoch: z.number().int(),
  batchLoss: z.number().nullable(),
  batchAccuracy: z.number().nullable(),
  epochEnd: EpochFigures.nullable(),
  imagesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  learningRate: z.number(),
  memory: TrainingMemory,
  /** Present on the event right after a periodic evaluation (settings.evaluation). */
  periodic: PeriodicFigures.optional(),
  /** Something a person should know (a tensor leak, early stopping), once. */
  message: z.string().optional(),
  /**
   * Present once training has ended and the final weights are being evaluated: images done of the
   * split's total. A stop request in this phase skips the evaluation.
   */
  evaluation: z
    .object({ split: z.enum(['train', 'val', 'test']), done: z.number().int(), total: z.number().int() })
    .optional()
})
export type TrainingProgress = z.infer<typeof TrainingProgress>

/**
 * One line of metrics.jsonl: an epoch summary, a periodic batch sample, or a periodic evaluation on the
 * train and test samples (readers that do not know a kind skip its lines).
 */
export const MetricsLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('epoch'),
    epoch: z.number().int(),
    step: z.number().int(),
    trainLoss: z.number(),
    trainAccuracy: z.number(),
    valLoss: z.number().nullable(),
    valAccuracy: z.number().nullable(),
    learningRate: z.number(),
    seconds: z.number()
  }),
  z.object({
    kind: z.literal('batch'),
    epoch: z.number().int(),
    step: z.number().int(),
    loss: z.number(),
    accuracy: z.number()
  }),
  PeriodicFigures.extend({ kind: z.literal('evaluation'), epoch: z.number().int() })
])
export type MetricsLine = z.infer<typeof MetricsLine>
