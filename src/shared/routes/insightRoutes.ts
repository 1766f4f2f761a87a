import { z } from 'zod'
import { InputShape } from '../datasetSchemas'
import { OpId, type RouteSchemas } from './routeParts'

/** The model to look into: a run of this session's runs folder, or an exported TF.js folder on the engine's disk. */
export const InsightModel = z.union([
  z.object({ runId: z.string().min(1) }),
  z.object({ modelDir: z.string().min(1, { error: 'give the model folder' }) })
])
export type InsightModel = z.infer<typeof InsightModel>

/** The image to look at: one of the open dataset's images, or a file's bytes sent by the UI (base64). */
export const InsightImage = z.union([
  z.object({ datasetIndex: z.number().int().min(0) }),
  z.object({ name: z.string().max(1000), data: z.string().min(1).max(20_000_000) })
])
export type InsightImage = z.infer<typeof InsightImage>

/** Float32 values, little-endian, as base64: a third of the size of JSON numbers and exact. */
const Float32Base64 = z.string()

const ValueRange = z.object({ min: z.number(), max: z.number() })

/** The image as the network sees it, and what is known about it. */
const InspectedImage = z.object({
  name: z.string(),
  /** The file path (relative to the dataset folder for a dataset image); null for bytes sent by the UI. */
  path: z.string().nullable(),
  trueLabel: z.number().int().nullable(),
  trueClass: z.string().nullable(),
  input: InputShape,
  /** uint8 HWC after the training preprocessing, base64. */
  pixels: z.string()
})

/** One layer's output for one image. Flatten and (at inference) dropout repeat an earlier layer's values. */
export const LayerMaps = ValueRange.extend({
  layer: z.number().int(),
  kind: z.string(),
  name: z.string(),
  /** [h, w, c] for maps, [n] for vectors. */
  shape: z.array(z.number().int()),
  channels: z.array(ValueRange.extend({ mean: z.number() })),
  /** The values in `shape` order (HWC); null when `sameValuesAs` names the layer that holds them. */
  values: Float32Base64.nullable(),
  sameValuesAs: z.number().int().nullable()
})
export type LayerMaps = z.infer<typeof LayerMaps>

const SaliencyMethod = z.enum(['gradcam', 'gradient'])

const SaliencyMap = ValueRange.extend({
  classIndex: z.number().int(),
  className: z.string(),
  probability: z.number(),
  method: SaliencyMethod,
  /** The layer Grad-CAM was computed at; null for gradient saliency (taken at the input). */
  layer: z.number().int().nullable(),
  /** [h, w]: the layer's resolution (Grad-CAM) or the input's (gradient), before any upsampling. */
  shape: z.tuple([z.number().int(), z.number().int()]),
  values: Float32Base64
})
export type SaliencyMap = z.infer<typeof SaliencyMap>

/** A layer as the inspector lists it: its index in the network spec, kind and output shape. */
const InsightLayerInfo = z.object({
  layer: z.number().int(),
  kind: z.string(),
  name: z.string(),
  shape: z.array(z.number().int()),
  /** Whether Grad-CAM can be computed at it (its output is a stack of maps). */
  spatial: z.boolean()
})

/** Opening a trained network: feature maps, filters, Grad-CAM and gradient saliency for one image. */
export const insightRoutes = {
  /**
   * One image through the network: all class probabilities and every layer's output (or only `layers`).
   * The score behind each probability is the class's pre-softmax value.
   */
  'insight.featureMaps': {
    input: z.object({
      model: InsightModel,
      image: InsightImage,
      layers: z.array(z.number().int().min(0)).max(500).optional(),
      opId: OpId.optional()
    }),
    output: z.object({
      image: InspectedImage,
      classes: z.array(z.string()),
      probabilities: z.array(z.number()),
      predicted: z.number().int(),
      network: z.array(InsightLayerInfo),
      layers: z.array(LayerMaps),
      ms: z.number()
    })
  },
  /**
   * The kernels of the conv layers: every conv layer's shape and range, and the values of one
   * (`layer`, by default the first), [kh, kw, in, out] in that order.
   */
  'insight.filters': {
    input: z.object({ model: InsightModel, layer: z.number().int().min(0).optional() }),
    output: z.object({
      layers: z.array(
        ValueRange.extend({
          layer: z.number().int(),
          name: z.string(),
          kernelShape: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()])
        })
      ),
      selected: z.object({ layer: z.number().int(), values: Float32Base64 }).nullable()
    })
  },
  /**
   * Grad-CAM (at `layer`, by default the last conv layer) or gradient saliency, for `classIndex` (by
   * default each image's predicted class), for up to 64 images; progress by `opId` and cancellable.
   */
  'insight.saliency': {
    input: z.object({
      model: InsightModel,
      images: z.array(InsightImage).min(1).max(64),
      method: SaliencyMethod.default('gradcam'),
      classIndex: z.number().int().min(0).optional(),
      layer: z.number().int().min(0).optional(),
      opId: OpId.optional()
    }),
    output: z.object({
      maps: z.array(
        z.union([SaliencyMap.extend({ error: z.undefined().optional() }), z.object({ error: z.string() })])
      )
    })
  }
} satisfies RouteSchemas
