import { z } from 'zod'
import { AugmentOp, isOpEnabled, type FillingOp, type FillMode, type Interpolation } from './augmentOps'

export * from './augmentOps'

/**
 * The augmentation spec: an ordered list of ops, each drawn per sample. This JSON is public (project files,
 * `cnn-workbench augment --augment SPEC.json`), so fields are only ever added, never renamed.
 * Pixel values are floats in [0, 1]; every op keeps the image size.
 */

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
    const turning = spec.ops.filter(
      (op): op is Extract<AugmentOp, { type: 'rotate' }> =>
        isOpEnabled(op) && op.type === 'rotate' && op.interpolation !== undefined
    )
    const differs = turning.find((op) => op.interpolation !== turning[0]?.interpolation)
    if (differs)
      ctx.addIssue({
        code: 'custom',
        path: ['ops', spec.ops.indexOf(differs), 'interpolation'],
        message: `two rotate ops ask for different interpolations; rotate, shift and scale are applied in one resampling, so give them the same one`
      })
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

/** How the spec's one geometric resampling interpolates: bicubic when an enabled rotate asks for it. */
export function resolveInterpolation(spec: AugmentSpec): Interpolation {
  const asked = spec.ops.find((op) => isOpEnabled(op) && op.type === 'rotate' && op.interpolation)
  return asked?.type === 'rotate' && asked.interpolation ? asked.interpolation : 'bilinear'
}

/** Whether an enabled rotate grows the picture (its output size then depends on the angle drawn). */
export function specExpands(spec: AugmentSpec): boolean {
  return spec.ops.some((op) => isOpEnabled(op) && op.type === 'rotate' && op.expand === true)
}

/**
 * Why a spec cannot augment training batches, or null: a batch holds images of one size, and rotate's
 * `expand` gives every angle its own size. Training refuses it rather than silently ignoring it, so the
 * pictures it trains on are the ones the preview shows.
 */
export function trainingAugmentProblem(spec: AugmentSpec): string | null {
  const at = spec.ops.findIndex((op) => isOpEnabled(op) && op.type === 'rotate' && op.expand === true)
  if (at < 0) return null
  return (
    `ops[${at}] (rotate) has "expand": true, which grows each picture to hold it all turned, so pictures ` +
    'turned by different angles get different sizes and cannot share a training batch; switch expand off to ' +
    'train with this pipeline (expand is for the preview and `cnn-workbench augment`).'
  )
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
