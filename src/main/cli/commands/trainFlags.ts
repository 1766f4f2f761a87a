import { readFile } from 'node:fs/promises'
import type { parseArgs } from 'node:util'
import { parseAugmentSpecJson, type AugmentSpec } from '../../../shared/augment'
import { parseTrainingSettings, type TrainingSettingsInput } from '../../../shared/training'
import { UsageError } from '../cliIo'

/** `cnn-workbench train`'s flags, and the training settings and augmentation spec they give. */

export const OPTIONS = {
  data: { type: 'string' },
  network: { type: 'string' },
  template: { type: 'string' },
  augment: { type: 'string' },
  epochs: { type: 'string' },
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

export function settingsFrom(flags: Flags, augment: boolean): ReturnType<typeof parseTrainingSettings> {
  const patience = num(flags['early-stopping'], '--early-stopping')
  const input: Record<string, unknown> = {
    epochs: num(flags.epochs, '--epochs'),
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
  return parseTrainingSettings(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)))
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
  return parsed.spec
}
