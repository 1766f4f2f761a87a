import { z } from 'zod'

/** How the learning rate changes over epochs; the base rate is `learningRate`. */
export const LearningRateSchedule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant') }),
  /** Multiplies the rate by `factor` every `every` epochs. */
  z.strictObject({
    type: z.literal('step'),
    every: z.number().int().min(1, { error: 'schedule.every must be at least 1 epoch' }),
    factor: z.number().gt(0).max(1, { error: 'schedule.factor must be in (0, 1]' })
  }),
  /** Half a cosine from the base rate down to 0 over all epochs. */
  z.strictObject({ type: z.literal('cosine') })
])
export type LearningRateSchedule = z.infer<typeof LearningRateSchedule>

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam', 'rmsprop'] as const
export const OptimizerName = z.enum(OPTIMIZER_NAMES, {
  error: `optimizer must be one of ${OPTIMIZER_NAMES.join(', ')}`
})
export type OptimizerName = z.infer<typeof OptimizerName>

export const EarlyStopping = z.strictObject({
  enabled: z.boolean().default(false),
  /** Epochs without a better validation loss before training stops; the best weights are restored. */
  patience: z.number().int().min(1).default(3)
})

/**
 * Accuracy measured every `everySteps` optimizer steps on a fixed, seeded sample of `images` (or
 * `trainImages`) training and `images` test images, in inference mode (dropout off), as the lecture's Deep
 * MNIST run does.
 */
export const PeriodicEvaluation = z.strictObject({
  everySteps: z
    .number()
    .int()
    .min(1, { error: 'the evaluation interval must be at least 1 step' })
    .max(10_000_000),
  images: z
    .number()
    .int()
    .min(1, { error: 'the evaluation needs at least 1 image' })
    .max(1_000_000)
    .default(2048),
  /**
   * Training images in the sample when it should differ from `images`: a small one keeps each measurement
   * cheap when the test figure is what matters (a run that should stop once the test accuracy is reached).
   */
  trainImages: z
    .number()
    .int()
    .min(1, { error: 'the evaluation needs at least 1 training image' })
    .max(1_000_000)
    .optional()
})
export type PeriodicEvaluation = z.infer<typeof PeriodicEvaluation>

/**
 * Everything that decides how a run trains. Public (project files and run.json): fields are only ever
 * added with defaults, never renamed, so old runs keep parsing.
 */
export const TrainingSettings = z.strictObject({
  epochs: z.number().int().min(1, { error: 'epochs must be at least 1' }).max(100_000).default(5),
  /**
   * When set, the run trains for this many optimizer steps (batches) instead of `epochs` epochs, as the
   * lecture counts its 20,000 iterations; the last epoch may then end part-way.
   */
  steps: z.number().int().min(1, { error: 'steps must be at least 1' }).max(100_000_000).optional(),
  batchSize: z.number().int().min(1, { error: 'batchSize must be at least 1' }).max(65_536).default(32),
  optimizer: OptimizerName.default('adam'),
  learningRate: z.number().gt(0, { error: 'learningRate must be above 0' }).max(10).default(0.001),
  /** Used by 'momentum' (and as rmsprop's momentum term). */
  momentum: z.number().min(0).lt(1).default(0.9),
  schedule: LearningRateSchedule.default({ type: 'constant' }),
  /** L2 penalty on kernel weights: loss += weightDecay/2 · Σw², so the gradient gains weightDecay·w. */
  weightDecay: z.number().min(0).max(1).default(0),
  /** Decides weight initialisation, batch order and augmentation draws: same seed, same run. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  augment: z.boolean().default(false),
  validateEachEpoch: z.boolean().default(true),
  earlyStopping: EarlyStopping.default({ enabled: false, patience: 3 }),
  /** Use at most this many training images (a seeded subset); for quick runs. */
  trainLimit: z.number().int().min(1).optional(),
  /** Accuracy on train and test samples every N steps (curves over iterations); absent: none. */
  evaluation: PeriodicEvaluation.optional()
})
export type TrainingSettings = z.infer<typeof TrainingSettings>
export type TrainingSettingsInput = z.input<typeof TrainingSettings>

/** The settings with every default filled in. */
export function defaultTrainingSettings(overrides: TrainingSettingsInput = {}): TrainingSettings {
  return TrainingSettings.parse(overrides)
}

/** Epochs a run spans: `epochs`, or as many as `steps` batches of `batchesPerEpoch` need (the last may be partial). */
export function plannedEpochs(
  settings: Pick<TrainingSettings, 'epochs' | 'steps'>,
  batchesPerEpoch: number
): number {
  return settings.steps === undefined
    ? settings.epochs
    : Math.ceil(settings.steps / Math.max(1, batchesPerEpoch))
}

/** Steps a run takes: `steps`, or every batch of every epoch. */
export function plannedSteps(
  settings: Pick<TrainingSettings, 'epochs' | 'steps'>,
  batchesPerEpoch: number
): number {
  return settings.steps ?? settings.epochs * batchesPerEpoch
}

export type ParseSettingsResult = { ok: true; settings: TrainingSettings } | { ok: false; errors: string[] }

/** Validates settings from a file or a request; errors read like "batchSize: batchSize must be at least 1". */
export function parseTrainingSettings(value: unknown): ParseSettingsResult {
  const result = TrainingSettings.safeParse(value)
  if (result.success) return { ok: true, settings: result.data }
  return {
    ok: false,
    errors: result.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message
    )
  }
}
