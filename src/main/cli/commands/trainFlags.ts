import { readFile } from 'node:fs/promises'
import type { parseArgs } from 'node:util'
import { parseAugmentSpecJson, trainingAugmentProblem, type AugmentSpec } from '../../../shared/augment'
import {
  DEEP_MNIST_SETTINGS,
  parseTrainingSettings,
  type TrainingSettingsInput
} from '../../../shared/training'
import { UsageError } from '../cliIo'

/** `cnn-workbench train`'s flags, and the training settings and augmentation spec they give. */

export const OPTIONS = {
  data: { type: 'string' },
  network: { type: 'string' },
  template: { type: 'string' },
  augment: { type: 'string' },
  epochs: { type: 'string' },
  steps: { type: 'string' },
  'evaluate-every': { type: 'string' },
  'evaluation-images': { type: 'string' },
  'evaluation-train-images': { type: 'string' },
  preset: { type: 'string' },
  'batch-size': { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  'weight-decay': { type: 'string' },
  schedule: { type: 'string' },
  'early-stopping': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  size: { type: 'string' },
  channels: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  import: { type: 'string' },
  runs: { type: 'string' },
  'init-weights': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false }
} as const

export type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']

export function num(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number, not "${value}"`)
  return n
}

/** `--schedule constant|cosine|step:EVERY:FACTOR` as the settings' schedule. */
function schedule(text: string): TrainingSettingsInput['schedule'] {
  if (text === 'constant' || text === 'cosine') return { type: text }
  const step = /^step:(\d+):([\d.]+)$/.exec(text)
  if (step) return { type: 'step', every: Number(step[1]), factor: Number(step[2]) }
  throw new UsageError(
    `--schedule must be constant, cosine or step:EVERY:FACTOR (e.g. step:2:0.5), not "${text}"`
  )
}

/** The flag each training setting comes from, so a refusal names what the person typed. */
const SETTING_FLAGS: Record<string, string> = {
  epochs: '--epochs',
  steps: '--steps',
  batchSize: '--batch-size',
  optimizer: '--optimizer',
  learningRate: '--lr',
  momentum: '--momentum',
  weightDecay: '--weight-decay',
  schedule: '--schedule',
  seed: '--seed',
  trainLimit: '--limit',
  earlyStopping: '--early-stopping'
}

/** "learningRate: learningRate must be above 0" → "--lr: learningRate must be above 0". */
export function withFlagNames(errors: readonly string[]): string[] {
  return errors.map((e) =>
    e.replace(/^(\w+)(\.[\w.]+)?: /, (whole, key: string) =>
      SETTING_FLAGS[key] ? `${SETTING_FLAGS[key]}: ` : whole
    )
  )
}

/** Training presets by the name `--preset` takes; each also decides the network (see train.ts). */
export const TRAINING_PRESETS = { 'deep-mnist': DEEP_MNIST_SETTINGS } as const
export type TrainingPresetName = keyof typeof TRAINING_PRESETS

export function isTrainingPreset(name: string): name is TrainingPresetName {
  return Object.hasOwn(TRAINING_PRESETS, name)
}

/** `--evaluate-every STEPS [--evaluation-images N] [--evaluation-train-images M]`, on top of what a preset says. */
function evaluationFrom(flags: Flags, preset: TrainingSettingsInput): TrainingSettingsInput['evaluation'] {
  const everySteps = num(flags['evaluate-every'], '--evaluate-every') ?? preset.evaluation?.everySteps
  const images = num(flags['evaluation-images'], '--evaluation-images') ?? preset.evaluation?.images
  const trainImages =
    num(flags['evaluation-train-images'], '--evaluation-train-images') ?? preset.evaluation?.trainImages
  if (everySteps === undefined) {
    const orphan =
      images !== undefined
        ? '--evaluation-images'
        : trainImages !== undefined
          ? '--evaluation-train-images'
          : null
    if (orphan !== null && preset.evaluation === undefined)
      throw new UsageError(`${orphan} needs --evaluate-every STEPS`)
    return undefined
  }
  return {
    everySteps,
    ...(images === undefined ? {} : { images }),
    ...(trainImages === undefined ? {} : { trainImages })
  }
}

export function settingsFrom(flags: Flags, augment: boolean): ReturnType<typeof parseTrainingSettings> {
  const patience = num(flags['early-stopping'], '--early-stopping')
  const preset: TrainingSettingsInput =
    flags.preset !== undefined && isTrainingPreset(flags.preset) ? TRAINING_PRESETS[flags.preset] : {}
  const steps = num(flags.steps, '--steps')
  const epochs = num(flags.epochs, '--epochs')
  if (steps !== undefined && epochs !== undefined)
    throw new UsageError('give --epochs or --steps, not both: a run is as long as one of them says')
  const given: Record<string, unknown> = {
    epochs,
    steps,
    evaluation: evaluationFrom(flags, preset),
    batchSize: num(flags['batch-size'], '--batch-size'),
    optimizer: flags.optimizer,
    learningRate: num(flags.lr, '--lr'),
    momentum: num(flags.momentum, '--momentum'),
    weightDecay: num(flags['weight-decay'], '--weight-decay'),
    schedule: flags.schedule === undefined ? undefined : schedule(flags.schedule),
    seed: num(flags.seed, '--seed'),
    trainLimit: num(flags.limit, '--limit'),
    earlyStopping: patience === undefined ? undefined : { enabled: true, patience },
    augment
  }
  const input: Record<string, unknown> = {
    ...preset,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined))
  }
  // Explicit epochs replace a preset's steps.
  if (epochs !== undefined) delete input.steps
  return parseTrainingSettings(input)
}

export async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file} (${(error as Error).message})`)
  }
}

export async function loadAugment(file: string | undefined): Promise<AugmentSpec | null> {
  if (file === undefined) return null
  const parsed = parseAugmentSpecJson(await readText(file, 'augmentation spec'))
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.errors.join('; ')}`)
  const problem = trainingAugmentProblem(parsed.spec)
  if (problem) throw new UsageError(`${file}: ${problem}`)
  return parsed.spec
}
