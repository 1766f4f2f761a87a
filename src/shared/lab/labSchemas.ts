import { z } from 'zod'
import { checkMatrix, MAX_INPUT_SIDE, MAX_KERNEL_SIDE } from './labMatrix'

/** The requests and answers of the Lab's routes (lab.*); the engine computes, the Lab room draws. */

function matrix(name: string, maxSide: number) {
  return z.array(z.array(z.number())).superRefine((value, ctx) => {
    const checked = checkMatrix(value, name, maxSide)
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.error })
  })
}

const fixed = (name: string, rows: number, cols: number) =>
  matrix(name, Math.max(rows, cols)).refine((m) => m.length === rows && m[0]?.length === cols, {
    error: `The ${name} must be ${rows}×${cols}.`
  })

const PADDING_WORDS = 'the padding must be valid, same or a whole number P from 0 to 8'
export const LabPaddingSchema = z.union(
  [
    z.enum(['valid', 'same']),
    z.number().int({ error: PADDING_WORDS }).min(0, { error: PADDING_WORDS }).max(8, { error: PADDING_WORDS })
  ],
  { error: PADDING_WORDS }
)
const STRIDE_WORDS = 'the stride must be a whole number from 1 to 16'
const Stride = z
  .number({ error: STRIDE_WORDS })
  .int({ error: STRIDE_WORDS })
  .min(1, { error: STRIDE_WORDS })
  .max(16, { error: STRIDE_WORDS })

export const ConvRequest = z.object({
  input: matrix('input', MAX_INPUT_SIDE),
  kernel: matrix('kernel', MAX_KERNEL_SIDE),
  padding: LabPaddingSchema.default('valid'),
  stride: Stride.default(1),
  /** correlate: what CNN layers compute; convolve: the kernel flipped first, as scipy.signal.convolve2d. */
  mode: z
    .enum(['correlate', 'convolve'], { error: 'the mode must be correlate or convolve' })
    .default('correlate')
})
export type ConvRequest = z.infer<typeof ConvRequest>

export const PoolRequest = z.object({
  input: matrix('input', MAX_INPUT_SIDE),
  size: z
    .number({ error: 'the window size must be a whole number' })
    .int({ error: 'the window size must be a whole number' })
    .min(1, { error: 'the window size must be at least 1' })
    .max(MAX_INPUT_SIDE, { error: `the window size must be at most ${MAX_INPUT_SIDE}` }),
  /** Default: the window size, as in Keras. */
  stride: Stride.optional(),
  op: z.enum(['max', 'avg'], { error: 'the op must be max or avg' }).default('max'),
  padding: z.enum(['valid', 'same'], { error: 'pooling padding must be valid or same' }).default('valid')
})
export type PoolRequest = z.infer<typeof PoolRequest>

/** One output cell of a step-through: where its window sits in the padded input and what it adds up. */
export const WindowCell = z.object({
  row: z.number().int(),
  col: z.number().int(),
  /** Top-left corner of the window in the padded input. */
  top: z.number().int(),
  left: z.number().int(),
  /** Convolution: input × kernel for each window position; pooling: the values in the window (null: padding). */
  values: z.array(z.array(z.number().nullable())),
  result: z.number()
})
export type WindowCell = z.infer<typeof WindowCell>

export const WindowAnswer = z.object({
  output: z.array(z.array(z.number())),
  shape: z.tuple([z.number().int(), z.number().int()]),
  formula: z.string(),
  /** The input with its padding; null marks padding that pooling ignores. */
  padded: z.array(z.array(z.number().nullable())),
  pads: z.object({ top: z.number(), bottom: z.number(), left: z.number(), right: z.number() }),
  /** The kernel as applied (flipped for convolve); null for pooling. */
  kernel: z.array(z.array(z.number())).nullable(),
  cells: z.array(WindowCell)
})
export type WindowAnswer = z.infer<typeof WindowAnswer>

export const BackpropRequest = z.object({
  input: fixed('input', 3, 3),
  filter: fixed('filter', 2, 2),
  /** ∂L/∂h for each of the four outputs. */
  gradOutput: fixed('∂L/∂h', 2, 2)
})
export type BackpropRequest = z.infer<typeof BackpropRequest>

export const BackpropAnswer = z.object({
  /** h_ij = Σ_ab x_(i+a)(j+b) · w_ab */
  forward: z.array(z.array(z.number())),
  /** ∂L/∂w_ab, from tfjs's gradient of Σ ∂L/∂h_ij · h_ij */
  gradFilter: z.array(z.array(z.number())),
  /** Each ∂L/∂w_ab written out: Σ_ij ∂L/∂h_ij · x_(i+a)(j+b). */
  terms: z.array(
    z.object({
      row: z.number().int(),
      col: z.number().int(),
      parts: z.array(
        z.object({
          h: z.tuple([z.number().int(), z.number().int()]),
          x: z.tuple([z.number().int(), z.number().int()]),
          grad: z.number(),
          input: z.number()
        })
      ),
      sum: z.number()
    })
  )
})
export type BackpropAnswer = z.infer<typeof BackpropAnswer>
