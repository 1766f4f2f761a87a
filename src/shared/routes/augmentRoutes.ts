import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import { InputShape } from '../datasetSchemas'
import type { RouteSchemas } from './routeParts'

/** Originals of some dataset images, each with augmented variants (raw uint8 HWC pixels as base64). */
const AugmentedImages = z.object({
  input: InputShape,
  ms: z.number(),
  images: z.array(
    z.object({
      index: z.number().int(),
      label: z.number().int(),
      original: z.string(),
      variants: z.array(
        z.object({
          epoch: z.number().int(),
          pixels: z.string(),
          label: z.string(),
          params: z.unknown(),
          /** Present when rotate's expand made the variant larger than the original. */
          height: z.number().int().optional(),
          width: z.number().int().optional()
        })
      )
    })
  )
})

/** Augmentation as the Augment room previews it: the same seeded operations training applies. */
export const augmentRoutes = {
  /**
   * Originals and augmented variants of a few images of the open dataset. Variant v of image i is what
   * training feeds that image at epoch `epoch + v`.
   */
  'augment.preview': {
    input: z.object({
      spec: AugmentSpec,
      seed: z.number().int(),
      epoch: z.number().int().min(0).default(0),
      variants: z.number().int().min(0).max(16),
      /** Dataset indexes to show; when absent, `count` images spread over the classes, chosen by `pickSeed`. */
      indexes: z.array(z.number().int().min(0)).max(32).optional(),
      count: z.number().int().min(1).max(32).default(8),
      pickSeed: z.number().int().default(0)
    }),
    output: AugmentedImages
  },
  /**
   * Batch `batch` of epoch `epoch` (both from 0) exactly as training with this seed, batch size and image
   * limit sees it: the same images in the same order, each with one variant drawn for that epoch.
   */
  'augment.trainingBatch': {
    input: z.object({
      spec: AugmentSpec,
      seed: z.number().int(),
      epoch: z.number().int().min(0),
      batch: z.number().int().min(0),
      batchSize: z.number().int().min(1).max(256),
      trainLimit: z.number().int().min(1).optional()
    }),
    output: AugmentedImages.extend({ batchesPerEpoch: z.number().int() })
  }
} satisfies RouteSchemas
