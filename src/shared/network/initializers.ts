import { z } from 'zod'

/*
 * How a conv2d or dense layer's kernel and bias start, named as in Keras/tfjs. Absent means the Keras
 * defaults: Glorot-uniform kernels and zero biases. The lecture's Deep MNIST draws kernels from a normal
 * distribution truncated at two standard deviations (σ = 0.1) and starts every bias at 0.1.
 */

const finite = (what: string) => z.number({ error: `${what} must be a number` })

export const INITIALIZER_TYPES = [
  'glorotUniform',
  'heNormal',
  'truncatedNormal',
  'constant',
  'zeros'
] as const

export const Initializer = z.discriminatedUnion(
  'type',
  [
    /** Uniform in ±√(6 / (fan_in + fan_out)). */
    z.strictObject({ type: z.literal('glorotUniform') }),
    /** Normal with σ = √(2 / fan_in), truncated at 2σ (as tfjs draws it). */
    z.strictObject({ type: z.literal('heNormal') }),
    /** Normal with this mean and σ; values beyond 2σ from the mean are drawn again. */
    z.strictObject({
      type: z.literal('truncatedNormal'),
      stddev: finite('stddev')
        .positive({ error: 'stddev must be above 0' })
        .max(100, { error: 'stddev must be at most 100' }),
      mean: finite('mean').min(-100).max(100).optional()
    }),
    z.strictObject({ type: z.literal('constant'), value: finite('value').min(-1e6).max(1e6) }),
    z.strictObject({ type: z.literal('zeros') })
  ],
  { error: `must be an object with a "type", one of ${INITIALIZER_TYPES.join(', ')}` }
)
export type Initializer = z.infer<typeof Initializer>

/** The optional initializer settings of conv2d and dense layers. */
export const initializerFields = {
  kernelInitializer: Initializer.optional(),
  biasInitializer: Initializer.optional()
}

export const DEFAULT_KERNEL_INITIALIZER: Initializer = { type: 'glorotUniform' }
export const DEFAULT_BIAS_INITIALIZER: Initializer = { type: 'zeros' }

/** "truncated normal σ 0.1", "constant 0.1": for summaries and the layer inspector. */
export function describeInitializer(init: Initializer): string {
  switch (init.type) {
    case 'glorotUniform':
      return 'Glorot uniform'
    case 'heNormal':
      return 'He normal'
    case 'truncatedNormal':
      return `truncated normal σ ${init.stddev}${init.mean ? `, mean ${init.mean}` : ''}`
    case 'constant':
      return `constant ${init.value}`
    case 'zeros':
      return 'zeros'
  }
}
