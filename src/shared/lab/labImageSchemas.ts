import { z } from 'zod'
import { checkMatrix, MAX_KERNEL_SIDE } from './labMatrix'

/** The Lab's experiments on one picture: filters, a pooling chain and the augmentation sweep. */

/** Pictures larger than this on their long side are scaled down for the Lab room (the lecture's are 220 px wide). */
export const LAB_IMAGE_MAX_SIDE = 1024

/** A dropped file's bytes (base64), an image of the open dataset, or the built-in 220×293 picture. */
export const LabImageSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('data'), name: z.string().max(500), data: z.string().min(1).max(30_000_000) }),
  z.object({ kind: z.literal('dataset'), index: z.number().int().min(0) }),
  z.object({ kind: z.literal('sample') })
])
export type LabImageSource = z.infer<typeof LabImageSource>

/** An image to draw: raw uint8 HWC pixels as base64. */
export const LabPicture = z.object({
  height: z.number().int(),
  width: z.number().int(),
  channels: z.number().int(),
  pixels: z.string()
})
export type LabPicture = z.infer<typeof LabPicture>

/** A float map to draw with a colour scale: float32 values row by row, as base64, and their range. */
export const FloatMap = z.object({
  shape: z.tuple([z.number().int(), z.number().int()]),
  min: z.number(),
  max: z.number(),
  sum: z.number(),
  values: z.string()
})
export type FloatMap = z.infer<typeof FloatMap>

const Kernel = z.array(z.array(z.number())).superRefine((value, ctx) => {
  const checked = checkMatrix(value, 'kernel', MAX_KERNEL_SIDE)
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.error })
})

export const FilterRequest = z.object({
  image: LabImageSource,
  kernels: z
    .array(z.object({ name: z.string().max(100), kernel: Kernel }))
    .min(1)
    .max(8),
  /** valid: (H − k + 1) × (W − k + 1); same: H × W, as scipy.signal.convolve2d(…, mode="same"). */
  mode: z.enum(['valid', 'same']).default('valid')
})
export type FilterRequest = z.infer<typeof FilterRequest>

export const FilterAnswer = z.object({
  /** The picture as the filters saw it: greyscale (drawn as uint8; the filters use x/255 in [0, 1]). */
  image: LabPicture,
  /** The picture was larger than LAB_IMAGE_MAX_SIDE and scaled down from this size. */
  scaledFrom: z.tuple([z.number().int(), z.number().int()]).nullable(),
  outputs: z.array(FloatMap.extend({ name: z.string() }))
})
export type FilterAnswer = z.infer<typeof FilterAnswer>

export const PoolChainRequest = z.object({
  image: LabImageSource,
  times: z.number().int().min(1).max(10),
  op: z.enum(['max', 'avg']).default('max')
})
export type PoolChainRequest = z.infer<typeof PoolChainRequest>

export const PoolChainAnswer = z.object({
  scaledFrom: z.tuple([z.number().int(), z.number().int()]).nullable(),
  /** Stage 0 is the greyscale picture; stage k is pooled k times. */
  stages: z.array(FloatMap)
})
export type PoolChainAnswer = z.infer<typeof PoolChainAnswer>

export const AugmentSweepRequest = z.object({
  image: LabImageSource,
  /** Rotations grow the picture to hold all of it (scipy.ndimage.rotate's reshape=True). */
  expand: z.boolean().default(true),
  interpolation: z.enum(['bilinear', 'bicubic']).default('bicubic'),
  seed: z.number().int().default(1)
})
export type AugmentSweepRequest = z.infer<typeof AugmentSweepRequest>

export const AugmentSweepAnswer = z.object({
  original: LabPicture,
  scaledFrom: z.tuple([z.number().int(), z.number().int()]).nullable(),
  rows: z.array(
    z.object({
      title: z.string(),
      /** What the row's levels mean here (e.g. how the lecture's pixel shifts scale to this picture). */
      note: z.string(),
      tiles: z.array(LabPicture.extend({ title: z.string() }))
    })
  )
})
export type AugmentSweepAnswer = z.infer<typeof AugmentSweepAnswer>
