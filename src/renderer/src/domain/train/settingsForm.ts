import { parseTrainingSettings, type OptimizerName, type TrainingSettings } from '../../../../shared/training'

/** The Train room's form: flat fields, so every input binds to one value and owns one message. */
export interface SettingsForm {
  /** Train for whole epochs, or for a number of optimizer steps (the lecture's 20,000 iterations). */
  length: 'epochs' | 'steps'
  epochs: number
  steps: number
  /** Accuracy on fixed train and test samples every `evaluateEvery` steps (settings.evaluation). */
  periodic: boolean
  evaluateEvery: number
  evaluationImages: number
  /** Off: the training sample has as many images as the test sample (settings.evaluation.trainImages unset). */
  separateTrainSample: boolean
  evaluationTrainImages: number
  batchSize: number
  optimizer: OptimizerName
  learningRate: number
  momentum: number
  schedule: TrainingSettings['schedule']['type']
  scheduleEvery: number
  scheduleFactor: number
  weightDecay: number
  seed: number
  augment: boolean
  validateEachEpoch: boolean
  earlyStopping: boolean
  patience: number
}

export type SettingsField = keyof SettingsForm
/** Messages by field; `general` holds one no field owns. */
export type FieldErrors = Partial<Record<SettingsField | 'general', string>>

const NUMBER_FIELDS = [
  'epochs',
  'steps',
  'evaluateEvery',
  'evaluationImages',
  'evaluationTrainImages',
  'batchSize',
  'learningRate',
  'momentum',
  'scheduleEvery',
  'scheduleFactor',
  'weightDecay',
  'seed',
  'patience'
] as const satisfies readonly SettingsField[]

/** Where a settings path ("schedule.every") shows its message in the form. */
const FIELD_OF_PATH: Record<string, SettingsField> = {
  'schedule.every': 'scheduleEvery',
  'schedule.factor': 'scheduleFactor',
  'earlyStopping.patience': 'patience',
  'earlyStopping.enabled': 'earlyStopping',
  'evaluation.everySteps': 'evaluateEvery',
  'evaluation.images': 'evaluationImages',
  'evaluation.trainImages': 'evaluationTrainImages'
}

export function formFromSettings(s: TrainingSettings): SettingsForm {
  return {
    length: s.steps === undefined ? 'epochs' : 'steps',
    epochs: s.epochs,
    steps: s.steps ?? 1000,
    periodic: s.evaluation !== undefined,
    evaluateEvery: s.evaluation?.everySteps ?? 1000,
    evaluationImages: s.evaluation?.images ?? 2048,
    separateTrainSample: s.evaluation?.trainImages !== undefined,
    evaluationTrainImages: s.evaluation?.trainImages ?? 512,
    batchSize: s.batchSize,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    momentum: s.momentum,
    schedule: s.schedule.type,
    scheduleEvery: s.schedule.type === 'step' ? s.schedule.every : 10,
    scheduleFactor: s.schedule.type === 'step' ? s.schedule.factor : 0.5,
    weightDecay: s.weightDecay,
    seed: s.seed,
    augment: s.augment,
    validateEachEpoch: s.validateEachEpoch,
    earlyStopping: s.earlyStopping.enabled,
    patience: s.earlyStopping.patience
  }
}

/** The periodic evaluation the form stands for; the training sample's own size only when it was asked for. */
function evaluationOf(f: SettingsForm): unknown {
  return {
    everySteps: f.evaluateEvery,
    images: f.evaluationImages,
    ...(f.separateTrainSample ? { trainImages: f.evaluationTrainImages } : {})
  }
}

function scheduleOf(f: SettingsForm): unknown {
  if (f.schedule === 'step') return { type: 'step', every: f.scheduleEvery, factor: f.scheduleFactor }
  return { type: f.schedule }
}

export type FormCheck = { ok: true; settings: TrainingSettings } | { ok: false; errors: FieldErrors }

/**
 * Turns the form into settings with the same rules the engine applies, and puts each message next to
 * its field. An emptied number box arrives as '' (or NaN), which gets a message of its own.
 */
export function checkSettingsForm(f: SettingsForm): FormCheck {
  const errors: FieldErrors = {}
  for (const field of NUMBER_FIELDS) {
    const value: unknown = f[field]
    if (typeof value !== 'number' || !Number.isFinite(value)) errors[field] = 'Enter a number.'
  }
  if (f.earlyStopping && !f.validateEachEpoch)
    errors.earlyStopping = 'Early stopping watches the validation loss: switch on “validate each epoch”.'
  const parsed = parseTrainingSettings({
    epochs: f.epochs,
    ...(f.length === 'steps' ? { steps: f.steps } : {}),
    ...(f.periodic ? { evaluation: evaluationOf(f) } : {}),
    batchSize: f.batchSize,
    optimizer: f.optimizer,
    learningRate: f.learningRate,
    momentum: f.momentum,
    schedule: scheduleOf(f),
    weightDecay: f.weightDecay,
    seed: f.seed,
    augment: f.augment,
    validateEachEpoch: f.validateEachEpoch,
    earlyStopping: { enabled: f.earlyStopping, patience: f.patience }
  })
  if (!parsed.ok) {
    for (const message of parsed.errors) {
      const colon = message.indexOf(': ')
      const path = colon < 0 ? '' : message.slice(0, colon)
      const field =
        FIELD_OF_PATH[path] ??
        (path.startsWith('schedule') ? 'schedule' : path in f ? (path as SettingsField) : 'general')
      errors[field] ??= sentence(colon < 0 ? message : message.slice(colon + 2))
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.ok) return { ok: false, errors }
  return { ok: true, settings: parsed.settings }
}

/** zod's "Too small: expected number to be >=1" reads better as a sentence with a capital. */
function sentence(text: string): string {
  const t = text.replace(/^schedule\.|^earlyStopping\./, '')
  return t.charAt(0).toUpperCase() + t.slice(1) + (t.endsWith('.') ? '' : '.')
}
