import { z } from 'zod'

/**
 * The ops of the augmentation spec, each a strict object drawn per sample. Pixel values are floats in
 * [0, 1]; every op keeps the image size. Fields are only ever added, never renamed (the spec is public).
 */

/** `[min, max]`; a value is drawn uniformly from it per sample. `[v, v]` always gives exactly `v`. */
function range(what: string, min: number, max: number) {
  return z
    .tuple([z.number(), z.number()], { error: `${what} must be a range [min, max] of two numbers` })
    .refine(([lo, hi]) => lo <= hi, {
      error: `${what} is a range [min, max]: the first number must not exceed the second`
    })
    .refine(([lo, hi]) => lo >= min && hi <= max, { error: `${what} must lie within [${min}, ${max}]` })
}

/** A fixed number or a `[min, max]` range drawn per sample. */
function amountOrRange(what: string, min: number, max: number) {
  return z.union(
    [
      z
        .number()
        .min(min, { error: `${what} must be at least ${min}` })
        .max(max, { error: `${what} must be at most ${max}` }),
      range(what, min, max)
    ],
    { error: `${what} must be a number or a range [min, max] within [${min}, ${max}]` }
  )
}

export const FillMode = z.enum(['constant', 'edge', 'reflect'], {
  error: 'fill must be "constant", "edge" or "reflect"'
})
export type FillMode = z.infer<typeof FillMode>

const common = {
  /** Off keeps the op's settings but skips it (the UI's toggle). Default true. */
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
  /** Chance that the op is applied to a given sample. Default 1. */
  probability: z
    .number({ error: 'probability must be a number between 0 and 1' })
    .min(0, { error: 'probability must be between 0 and 1' })
    .max(1, { error: 'probability must be between 0 and 1' })
    .optional()
}

const fillFields = {
  /** How pixels that come from outside the image are filled. Default "constant". */
  fill: FillMode.optional(),
  /** The constant for fill "constant", in [0, 1]. Default 0 (black). */
  fillValue: z
    .number({ error: 'fillValue must be a number between 0 and 1' })
    .min(0, { error: 'fillValue must be between 0 and 1' })
    .max(1, { error: 'fillValue must be between 0 and 1' })
    .optional()
}

export const FlipOp = z.strictObject({
  type: z.literal('flip'),
  direction: z.enum(['horizontal', 'vertical', 'both'], {
    error: 'direction must be "horizontal", "vertical" or "both"'
  }),
  ...common
})

export const Interpolation = z.enum(['bilinear', 'bicubic'], {
  error: 'interpolation must be "bilinear" or "bicubic"'
})
export type Interpolation = z.infer<typeof Interpolation>

/** Positive degrees turn the picture counter-clockwise (as PIL, scipy.ndimage.rotate and np.rot90). */
export const RotateOp = z.strictObject({
  type: z.literal('rotate'),
  degrees: range('degrees', -360, 360),
  /**
   * Grow the output to hold the whole turned picture, as scipy.ndimage.rotate(reshape=True). The size
   * then changes with the angle, so it is for previews and `cnn-workbench augment`; training refuses it.
   */
  expand: z.boolean({ error: 'expand must be true or false' }).optional(),
  /** How the one resampling of rotate, shift and scale reads between pixels. Default "bilinear". */
  interpolation: Interpolation.optional(),
  ...fillFields,
  ...common
})

/** Positive x moves the content right, positive y moves it down. */
export const ShiftOp = z.strictObject({
  type: z.literal('shift'),
  x: range('x', -4096, 4096),
  y: range('y', -4096, 4096),
  /** "px" (default) or "fraction" of the image width (x) and height (y). */
  unit: z.enum(['px', 'fraction'], { error: 'unit must be "px" or "fraction"' }).optional(),
  ...fillFields,
  ...common
})

/** Factor < 1 zooms out (pads with the fill), > 1 zooms in (crops); about the centre, same size. */
export const ScaleOp = z.strictObject({
  type: z.literal('scale'),
  factor: range('factor', 0.05, 20),
  ...fillFields,
  ...common
})

/** Each pixel (all its channels together) becomes 0 with probability `amount` and 1 with probability `amount`. */
export const SaltPepperOp = z.strictObject({
  type: z.literal('saltPepper'),
  amount: amountOrRange('amount', 0, 0.5),
  ...common
})

/** Adds N(0, sigma²) independently to every value, then clips to [0, 1]. */
export const GaussianNoiseOp = z.strictObject({
  type: z.literal('gaussianNoise'),
  sigma: amountOrRange('sigma', 0, 1),
  ...common
})

/** Adds one drawn delta to every value of the image, then clips to [0, 1]. */
export const BrightnessOp = z.strictObject({
  type: z.literal('brightness'),
  delta: range('delta', -1, 1),
  ...common
})

/** (x − mean)·factor + mean with the image's per-channel mean, then clips to [0, 1]. */
export const ContrastOp = z.strictObject({
  type: z.literal('contrast'),
  factor: range('factor', 0, 20),
  ...common
})

export const AUGMENT_OP_TYPES = [
  'flip',
  'rotate',
  'shift',
  'scale',
  'saltPepper',
  'gaussianNoise',
  'brightness',
  'contrast'
] as const
export type AugmentOpType = (typeof AUGMENT_OP_TYPES)[number]

export const AugmentOp = z.discriminatedUnion(
  'type',
  [FlipOp, RotateOp, ShiftOp, ScaleOp, SaltPepperOp, GaussianNoiseOp, BrightnessOp, ContrastOp],
  { error: `each op needs a "type", one of: ${AUGMENT_OP_TYPES.join(', ')}` }
)
export type AugmentOp = z.infer<typeof AugmentOp>

/** Ops that move pixels; they are composed into one resampling per sample. */
export type GeometricOp = Extract<AugmentOp, { type: 'flip' | 'rotate' | 'shift' | 'scale' }>
export type FillingOp = Extract<AugmentOp, { type: 'rotate' | 'shift' | 'scale' }>

export function isGeometricOp(op: AugmentOp): op is GeometricOp {
  return op.type === 'flip' || op.type === 'rotate' || op.type === 'shift' || op.type === 'scale'
}

export function isOpEnabled(op: AugmentOp): boolean {
  return op.enabled !== false
}
