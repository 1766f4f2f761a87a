import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import {
  DatasetItem,
  DatasetOpenOptions,
  DatasetSource,
  ImportReport,
  InputShape,
  SplitName
} from '../datasetSchemas'
import { Empty, OpId, type RouteSchemas } from './routeParts'

const DatasetFilter = z.object({
  split: SplitName.optional(),
  label: z.number().int().min(0).optional()
})

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
        z.object({ epoch: z.number().int(), pixels: z.string(), label: z.string(), params: z.unknown() })
      )
    })
  )
})

/** The open dataset: importing it, browsing its images, and seeing them augmented. */
export const datasetRoutes = {
  'dataset.open': {
    input: z.object({
      source: DatasetSource,
      options: DatasetOpenOptions.default({}),
      opId: OpId.optional()
    }),
    output: z.object({ report: ImportReport, classNames: z.array(z.string()) })
  },
  'dataset.current': {
    input: Empty,
    output: z.object({ report: ImportReport, classNames: z.array(z.string()) }).nullable()
  },
  'dataset.items': {
    input: DatasetFilter.extend({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(2000)
    }),
    output: z.object({ total: z.number().int(), items: z.array(DatasetItem) })
  },
  /** Raw uint8 HWC pixels, base64, so the grid can paint thousands of small images without PNG round trips. */
  'dataset.thumbnails': {
    input: z.object({ indexes: z.array(z.number().int().min(0)).max(2000) }),
    output: z.object({
      input: InputShape,
      images: z.array(z.object({ index: z.number().int(), pixels: z.string() }))
    })
  },
  'dataset.image': {
    input: z.object({ index: z.number().int().min(0) }),
    output: z.object({ item: DatasetItem, className: z.string(), png: z.string() })
  },
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
