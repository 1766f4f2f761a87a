import { z } from 'zod'
import { DatasetOpenOptions, DatasetSource, InputShape } from '../datasetSchemas'
import { NetworkSpec } from '../network/networkSpec'
import { AugmentSpec } from '../augment/augmentSpec'
import { RunStatus } from './trainingProgress'
import { TrainingSettings } from './trainingSettings'

/** What a run was trained on, enough to open the same images again (`--resume`). */
export const DatasetReference = z.object({
  source: DatasetSource,
  options: DatasetOpenOptions.default({}),
  input: InputShape,
  classNames: z.array(z.string()),
  counts: z.object({ train: z.number().int(), val: z.number().int(), test: z.number().int() })
})
export type DatasetReference = z.infer<typeof DatasetReference>

export const BackendRecord = z.object({
  name: z.string(),
  /** One line: the chosen backend and why each faster one was skipped. */
  why: z.string(),
  attempts: z.array(
    z.object({ name: z.string(), ok: z.boolean(), reason: z.string().optional(), ms: z.number() })
  )
})
export type BackendRecord = z.infer<typeof BackendRecord>

export const FinalMetrics = z.object({
  trainLoss: z.number().nullable(),
  trainAccuracy: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
  testLoss: z.number().nullable(),
  testAccuracy: z.number().nullable(),
  /** Training images per second over the run's epochs (augmentation included). */
  imagesPerSecond: z.number().nullable(),
  /** The epoch whose weights the run ended with (early stopping may restore an earlier one). */
  bestEpoch: z.number().int().nullable()
})
export type FinalMetrics = z.infer<typeof FinalMetrics>

/**
 * `run.json`, the public description of a run folder. Fields are only ever added, with defaults.
 * Rewritten atomically on every status change and at every epoch end.
 */
export const RunJson = z.object({
  version: z.literal(1),
  id: z.string(),
  status: RunStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  settings: TrainingSettings,
  network: NetworkSpec,
  augment: AugmentSpec.nullable(),
  dataset: DatasetReference,
  backend: BackendRecord.nullable(),
  epochsCompleted: z.number().int(),
  step: z.number().int(),
  final: FinalMetrics.nullable(),
  /** The process writing the run; a 'running' run whose process is gone is reported as interrupted. */
  pid: z.number().int().nullable(),
  error: z.string().nullable().default(null),
  warnings: z.array(z.string()).default([]),
  /** The TF.js model folder whose weights the run started from; null: seeded initialisation. */
  initialWeights: z.string().nullable().default(null)
})
export type RunJson = z.infer<typeof RunJson>
