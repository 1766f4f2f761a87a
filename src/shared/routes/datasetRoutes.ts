import { z } from 'zod'
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

/** The open dataset: importing it and browsing its images. */
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
  }
} satisfies RouteSchemas
