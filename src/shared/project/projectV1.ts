import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import { DatasetOpenOptions, DatasetSource } from '../datasetSchemas'
import { NetworkSpec } from '../network/networkSpec'
import { TrainingSettings } from '../training/trainingSettings'
import { PROJECT_VERSION, type ProjectFileInput } from './projectSchema'

/**
 * The first project format: the dataset source at the top level with its options beside it, the network
 * under `model`, the augmentation under `augmentation`, one `created` date and no preview seed.
 */
export const ProjectFileV1 = z.object({
  version: z.literal(1),
  name: z.string(),
  created: z.string(),
  dataset: DatasetSource.nullable().default(null),
  datasetOptions: DatasetOpenOptions.default({}),
  augmentation: AugmentSpec.default({ ops: [] }),
  model: NetworkSpec,
  training: TrainingSettings.optional()
})
export type ProjectFileV1 = z.infer<typeof ProjectFileV1>

export function migrateV1(v1: ProjectFileV1): ProjectFileInput {
  return {
    version: PROJECT_VERSION,
    name: v1.name,
    createdAt: v1.created,
    updatedAt: v1.created,
    dataset: v1.dataset ? { source: v1.dataset, options: v1.datasetOptions } : null,
    augment: v1.augmentation,
    augmentSeed: 1,
    network: v1.model,
    training: v1.training ?? null
  }
}
