import { z } from 'zod'

/**
 * The augmentation spec: an ordered list of ops, each drawn per sample. This JSON is public (project files,
 * `cnn-workbench augment --augment SPEC.json`), so fields are only ever added, never renamed.
 * Pixel values are floats in [0, 1]; every op keeps the image size.
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

/** Positive degrees turn the picture counter-clockwise (as PIL, scipy.ndimage.rotate and np.rot90). */
export const RotateOp = z.strictObject({
  type: z.literal('rotate'),
  degrees: range('degrees', -360, 360),
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

function fillingOps(ops: readonly AugmentOp[]): FillingOp[] {
  return ops.filter(
    (op): op is FillingOp =>
      isOpEnabled(op) && (op.type === 'rotate' || op.type === 'shift' || op.type === 'scale')
  )
}

export const AugmentSpec = z
  .strictObject(
    {
      ops: z.array(AugmentOp, { error: '"ops" must be a list of augmentation ops' }).max(64, {
        error: 'at most 64 ops'
      })
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'an augmentation spec is an object like {"ops": [ ... ]}' : undefined
    }
  )
  .superRefine((spec, ctx) => {
    // All geometric ops are applied as ONE resampling, so they can only have one way of filling the border.
    const filling = fillingOps(spec.ops)
    for (const key of ['fill', 'fillValue'] as const) {
      const explicit = filling.filter((op) => op[key] !== undefined)
      const first = explicit[0]
      const other = explicit.find((op) => op[key] !== first?.[key])
      if (first && other) {
        ctx.addIssue({
          code: 'custom',
          path: ['ops', spec.ops.indexOf(other), key],
          message:
            `${other.type} has ${key} ${JSON.stringify(other[key])} but ${first.type} has ` +
            `${JSON.stringify(first[key])}: rotate, shift and scale are applied together in one resampling, ` +
            `so give them the same ${key} (or set it on one op only)`
        })
      }
    }
  })
export type AugmentSpec = z.infer<typeof AugmentSpec>

export interface ResolvedFill {
  mode: FillMode
  value: number
}

/** The one border fill of the spec's geometric resampling: the value any enabled op sets, else constant 0. */
export function resolveFill(spec: AugmentSpec): ResolvedFill {
  const filling = fillingOps(spec.ops)
  const mode = filling.find((op) => op.fill !== undefined)?.fill ?? 'constant'
  const value = filling.find((op) => op.fillValue !== undefined)?.fillValue ?? 0
  return { mode, value }
}

export type AugmentSpecParseResult = { ok: true; spec: AugmentSpec } | { ok: false; errors: string[] }

/** Where an issue sits, written as a person reads it: `ops[1].degrees`. */
function issuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`
  }
  return out
}

/** Checks an already-parsed value (e.g. from a project file or the contract). */
export function checkAugmentSpec(value: unknown): AugmentSpecParseResult {
  const parsed = AugmentSpec.safeParse(value)
  if (parsed.success) return { ok: true, spec: parsed.data }
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => {
      const where = issuePath(issue.path)
      return where ? `${where}: ${issue.message}` : issue.message
    })
  }
}

/** Parses the text of a spec file; errors are sentences that say where and what to change. */
export function parseAugmentSpecJson(text: string): AugmentSpecParseResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    return { ok: false, errors: [`the augmentation spec is not valid JSON (${detail})`] }
  }
  return checkAugmentSpec(value)
}
