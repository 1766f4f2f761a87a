import { z } from 'zod'
import { initializerFields } from './initializers'

/*
 * The network spec: a plain JSON description of a sequential CNN, the public file format of
 * `cnn-workbench network summary SPEC.json` and of the `network` field of a project.
 *
 * Setting names follow Keras/tfjs layer configs. Defaults follow Keras too, so a spec reads the same
 * as the Keras code a student meets elsewhere:
 *   - conv2d: strides [1,1], padding 'valid', activation 'linear' (none), useBias true
 *   - maxPool2d / avgPool2d: strides = poolSize (resolved by `poolStrides`), padding 'valid'
 *   - dense: activation 'linear', useBias true
 *   - batchNorm: momentum 0.99, epsilon 0.001
 *   - conv2d / dense kernelInitializer Glorot-uniform, biasInitializer zeros (see ./initializers)
 * Objects are strict: a misspelt setting (`kernel_size`) is reported instead of silently ignored.
 */

const POSITIVE_WHOLE = 'must be a positive whole number'
const PAIR = 'must be a pair of positive whole numbers [height, width], e.g. [3, 3]'

/** Type errors say "is missing" when the setting is absent (the issue's input is only visible here). */
const typeError = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `is missing; ${message}` : message

const positiveWhole = (max = 1_000_000) =>
  z
    .number({ error: typeError(POSITIVE_WHOLE) })
    .int({ error: POSITIVE_WHOLE })
    .positive({ error: POSITIVE_WHOLE })
    .max(max, { error: `must be at most ${max.toLocaleString('en-US')}` })

const pair = z.tuple([positiveWhole(4096), positiveWhole(4096)], { error: typeError(PAIR) })

export const ACTIVATIONS = ['relu', 'elu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax', 'linear'] as const
export const Activation = z.enum(ACTIVATIONS, {
  error: typeError(`must be one of ${ACTIVATIONS.join(', ')}`)
})
export type Activation = z.infer<typeof Activation>

export const Padding = z.enum(['same', 'valid'], { error: "must be 'same' or 'valid'" })
export type Padding = z.infer<typeof Padding>

/** A display name the user may give a layer; not used for shapes. */
const optionalName = z.string().max(100).optional()

export const Conv2dLayer = z.strictObject({
  type: z.literal('conv2d'),
  name: optionalName,
  filters: positiveWhole(65_536),
  kernelSize: pair,
  strides: pair.default([1, 1]),
  padding: Padding.default('valid'),
  activation: Activation.default('linear'),
  useBias: z.boolean({ error: typeError('must be true or false') }).default(true),
  ...initializerFields
})

const poolFields = {
  name: optionalName,
  poolSize: pair,
  /** Omitted means "same as poolSize", as in Keras. */
  strides: pair.optional(),
  padding: Padding.default('valid')
}
export const MaxPool2dLayer = z.strictObject({ type: z.literal('maxPool2d'), ...poolFields })
export const AvgPool2dLayer = z.strictObject({ type: z.literal('avgPool2d'), ...poolFields })

export const BatchNormLayer = z.strictObject({
  type: z.literal('batchNorm'),
  name: optionalName,
  momentum: z.number({ error: 'must be a number between 0 and 1' }).min(0).max(1).default(0.99),
  epsilon: z.number({ error: 'must be a small positive number' }).positive().max(1).default(0.001)
})

export const DropoutLayer = z.strictObject({
  type: z.literal('dropout'),
  name: optionalName,
  rate: z
    .number({ error: typeError('must be a number from 0 up to (not including) 1') })
    .min(0, { error: 'must be a number from 0 up to (not including) 1' })
    .lt(1, { error: 'must be below 1 (a rate of 1 would drop every value)' })
})

export const FlattenLayer = z.strictObject({ type: z.literal('flatten'), name: optionalName })
export const GlobalAveragePoolLayer = z.strictObject({
  type: z.literal('globalAveragePool'),
  name: optionalName
})

export const DenseLayer = z.strictObject({
  type: z.literal('dense'),
  name: optionalName,
  units: positiveWhole(1_000_000),
  activation: Activation.default('linear'),
  useBias: z.boolean({ error: typeError('must be true or false') }).default(true),
  ...initializerFields
})

export const ActivationLayer = z.strictObject({
  type: z.literal('activation'),
  name: optionalName,
  activation: Activation
})

export const LAYER_KINDS = [
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'batchNorm',
  'dropout',
  'flatten',
  'globalAveragePool',
  'dense',
  'activation'
] as const
export type LayerKind = (typeof LAYER_KINDS)[number]

export const LayerSpec = z.discriminatedUnion(
  'type',
  [
    Conv2dLayer,
    MaxPool2dLayer,
    AvgPool2dLayer,
    BatchNormLayer,
    DropoutLayer,
    FlattenLayer,
    GlobalAveragePoolLayer,
    DenseLayer,
    ActivationLayer
  ],
  {
    error: (issue) =>
      typeof issue.input !== 'object' || issue.input === null
        ? 'each layer must be an object such as {"type": "dense", "units": 10}'
        : `must be one of ${LAYER_KINDS.join(', ')}`
  }
)
export type LayerSpec = z.infer<typeof LayerSpec>

export const NetworkInputShape = z.strictObject(
  {
    height: positiveWhole(4096),
    width: positiveWhole(4096),
    channels: positiveWhole(64)
  },
  { error: typeError('must be an object with height, width and channels') }
)
export type NetworkInputShape = z.infer<typeof NetworkInputShape>

export const NetworkSpec = z.strictObject(
  {
    input: NetworkInputShape,
    layers: z.array(LayerSpec, { error: typeError('must be a list of layers') }).max(500)
  },
  { error: 'the network must be an object with "input" and "layers"' }
)
export type NetworkSpec = z.infer<typeof NetworkSpec>

export type Conv2dLayer = z.infer<typeof Conv2dLayer>
export type Pool2dLayer = z.infer<typeof MaxPool2dLayer> | z.infer<typeof AvgPool2dLayer>
export type DenseLayer = z.infer<typeof DenseLayer>

/** Pooling strides fall back to the pool size, as in Keras. */
export function poolStrides(layer: Pool2dLayer): [number, number] {
  return layer.strides ?? layer.poolSize
}
