import type { SettingsField, SettingsForm } from '../../domain/train/settingsForm'

type FieldsOfType<T> = { [K in SettingsField]: SettingsForm[K] extends T ? K : never }[SettingsField]

interface FieldBase {
  label: string
  /** Shown only while the rest of the form makes this field matter (momentum only for SGD + momentum and RMSprop). */
  shownWhen?: (f: SettingsForm) => boolean
}
export interface NumberSetting extends FieldBase {
  kind: 'number'
  name: FieldsOfType<number>
  min: number
  max?: number
  step: number | 'any'
}
export interface ChoiceSetting extends FieldBase {
  kind: 'choice'
  name: 'optimizer' | 'schedule' | 'length'
  options: readonly { value: string; label: string }[]
}
/** A checkbox: it sits before its label on one line. */
export interface SwitchSetting extends FieldBase {
  kind: 'switch'
  name: FieldsOfType<boolean>
}
export type SettingSpec = NumberSetting | ChoiceSetting | SwitchSetting

const OPTIMIZERS = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'SGD + momentum' },
  { value: 'adam', label: 'Adam' },
  { value: 'rmsprop', label: 'RMSprop' }
] as const
const SCHEDULES = [
  { value: 'constant', label: 'Constant' },
  { value: 'step', label: 'Step decay' },
  { value: 'cosine', label: 'Cosine' }
] as const

const stepDecay = (f: SettingsForm): boolean => f.schedule === 'step'
const LENGTHS = [
  { value: 'epochs', label: 'Epochs' },
  { value: 'steps', label: 'Steps (iterations)' }
] as const

/** The Train room's settings in the order the form shows them: numbers and choices in a grid of two columns. */
export const GRID_SETTINGS: readonly SettingSpec[] = [
  { kind: 'choice', name: 'length', label: 'Train for', options: LENGTHS },
  {
    kind: 'number',
    name: 'epochs',
    label: 'Epochs',
    min: 1,
    step: 1,
    shownWhen: (f) => f.length === 'epochs'
  },
  { kind: 'number', name: 'steps', label: 'Steps', min: 1, step: 1, shownWhen: (f) => f.length === 'steps' },
  { kind: 'number', name: 'batchSize', label: 'Batch size', min: 1, step: 1 },
  { kind: 'choice', name: 'optimizer', label: 'Optimizer', options: OPTIMIZERS },
  { kind: 'number', name: 'learningRate', label: 'Learning rate', min: 0, step: 'any' },
  {
    kind: 'number',
    name: 'momentum',
    label: 'Momentum',
    min: 0,
    max: 0.999,
    step: 0.05,
    shownWhen: (f) => f.optimizer === 'momentum' || f.optimizer === 'rmsprop'
  },
  { kind: 'choice', name: 'schedule', label: 'Schedule', options: SCHEDULES },
  {
    kind: 'number',
    name: 'scheduleEvery',
    label: 'Decay every (epochs)',
    min: 1,
    step: 1,
    shownWhen: stepDecay
  },
  {
    kind: 'number',
    name: 'scheduleFactor',
    label: 'Decay factor',
    min: 0,
    max: 1,
    step: 0.05,
    shownWhen: stepDecay
  },
  { kind: 'number', name: 'weightDecay', label: 'L2 weight decay', min: 0, step: 'any' },
  { kind: 'number', name: 'seed', label: 'Seed', min: 0, step: 1 }
]

/** The switches under the grid, with early stopping's patience. */
export const SWITCH_SETTINGS: readonly SettingSpec[] = [
  { kind: 'switch', name: 'augment', label: 'Augmentation' },
  { kind: 'switch', name: 'validateEachEpoch', label: 'Validate each epoch' },
  { kind: 'switch', name: 'earlyStopping', label: 'Early stopping' },
  {
    kind: 'number',
    name: 'patience',
    label: 'Patience (epochs)',
    min: 1,
    step: 1,
    shownWhen: (f) => f.earlyStopping
  },
  { kind: 'switch', name: 'periodic', label: 'Accuracy every N steps' },
  {
    kind: 'number',
    name: 'evaluateEvery',
    label: 'Every (steps)',
    min: 1,
    step: 1,
    shownWhen: (f) => f.periodic
  },
  {
    kind: 'number',
    name: 'evaluationImages',
    label: 'Images per sample',
    min: 1,
    step: 1,
    shownWhen: (f) => f.periodic
  },
  {
    kind: 'switch',
    name: 'separateTrainSample',
    label: 'Smaller training sample',
    shownWhen: (f) => f.periodic
  },
  {
    kind: 'number',
    name: 'evaluationTrainImages',
    label: 'Training images per sample',
    min: 1,
    step: 1,
    shownWhen: (f) => f.periodic && f.separateTrainSample
  }
]

/** The fields of `settings` that the form `f` shows now. */
export const shownSettings = (settings: readonly SettingSpec[], f: SettingsForm): SettingSpec[] =>
  settings.filter((s) => s.shownWhen?.(f) ?? true)
