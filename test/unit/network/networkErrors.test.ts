import { describe, expect, it } from 'vitest'
import { summarizeNetwork, type NetworkIssue } from '../../../src/shared/network'

const input = { height: 28, width: 28, channels: 1 }
const classifier = { type: 'dense', units: 10, activation: 'softmax' }
const errorsOf = (layers: unknown[], classes = 10, inputShape: unknown = input): NetworkIssue[] =>
  summarizeNetwork({ input: inputShape, layers }, { classes }).errors
const warningsOf = (layers: unknown[]): NetworkIssue[] => summarizeNetwork({ input, layers }).warnings

describe('impossible settings are reported at the layer that causes them', () => {
  it('a kernel larger than its input with valid padding', () => {
    const errors = errorsOf([
      { type: 'conv2d', filters: 8, kernelSize: [3, 3], strides: [3, 3] },
      { type: 'maxPool2d', poolSize: [3, 3] },
      { type: 'conv2d', filters: 8, kernelSize: [5, 5] },
      { type: 'flatten' },
      classifier
    ])
    expect(errors).toEqual([
      { layer: 2, message: "kernel 5×5 is larger than its 3×3 input; use 'same' padding or a smaller kernel" }
    ])
  })

  it('a pool larger than its input with valid padding (the output would fall below 1×1)', () => {
    const errors = errorsOf([
      { type: 'conv2d', filters: 4, kernelSize: [1, 1], strides: [14, 14] },
      { type: 'maxPool2d', poolSize: [2, 3] },
      { type: 'flatten' },
      classifier
    ])
    expect(errors).toEqual([
      { layer: 1, message: "pool 2×3 is larger than its 2×2 input; use 'same' padding or a smaller pool" }
    ])
  })

  it('the same window with same padding is fine', () => {
    expect(
      errorsOf([
        { type: 'conv2d', filters: 4, kernelSize: [40, 40], padding: 'same' },
        { type: 'flatten' },
        classifier
      ])
    ).toEqual([])
  })

  it('a dense layer on an image-shaped input', () => {
    const errors = errorsOf([{ type: 'conv2d', filters: 4, kernelSize: [3, 3] }, classifier])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.layer).toBe(1)
    expect(errors[0]?.message).toMatch(
      /^dense layer needs a flat input: add a Flatten or GlobalAveragePool layer before it \(its input is 26×26×4\)$/
    )
  })

  it('a conv or pool after flatten, naming the layer that flattened', () => {
    const conv = errorsOf([
      { type: 'flatten' },
      { type: 'conv2d', filters: 4, kernelSize: [3, 3] },
      classifier
    ])
    expect(conv).toEqual([
      {
        layer: 1,
        message:
          'conv2d needs an image-shaped input (height × width × channels), but the flatten layer 0 already made it flat (784 values); move this layer before the flatten layer'
      }
    ])
    const pool = errorsOf([
      { type: 'globalAveragePool' },
      { type: 'avgPool2d', poolSize: [2, 2] },
      classifier
    ])
    expect(pool.map((e) => e.layer)).toEqual([1])
    expect(pool[0]?.message).toContain('globalAveragePool layer 0 already made it flat (1 value)')
  })

  it('flatten twice', () => {
    const errors = errorsOf([{ type: 'flatten' }, { type: 'flatten' }, classifier])
    expect(errors.map((e) => e.layer)).toEqual([1])
    expect(errors[0]?.message).toMatch(/^flatten needs an image-shaped input.*remove this layer$/)
  })

  it('only the first shape error is reported; later layers have no shape', () => {
    const s = summarizeNetwork({
      input,
      layers: [{ type: 'dense', units: 4 }, { type: 'flatten' }, classifier]
    })
    expect(s.errors.map((e) => e.layer)).toEqual([0])
    expect(s.layers.map((l) => l.outputShape)).toEqual([null, null, null])
  })

  it('a missing classifier, at the last layer', () => {
    const errors = errorsOf([{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'relu' }])
    expect(errors).toEqual([
      {
        layer: 1,
        message:
          "the last dense layer is the classifier and needs activation 'softmax' (not 'relu') to output class probabilities"
      }
    ])
    const notDense = errorsOf([{ type: 'flatten' }, classifier, { type: 'dropout', rate: 0.2 }])
    expect(notDense).toEqual([
      {
        layer: 2,
        message: 'the last layer must be the classifier: a dense layer with 10 units and softmax, not dropout'
      }
    ])
    const separate = errorsOf([
      { type: 'flatten' },
      { type: 'dense', units: 10 },
      { type: 'activation', activation: 'softmax' }
    ])
    expect(separate.map((e) => e.layer)).toEqual([2])
    expect(separate[0]?.message).toContain("set the dense layer 1's activation to 'softmax'")
  })

  it('an empty stack, for the network as a whole (-1)', () => {
    expect(errorsOf([])).toEqual([
      {
        layer: -1,
        message:
          'the network has no layers; add at least a classifier: a dense layer with 10 units and softmax'
      }
    ])
  })

  it('a classifier whose units differ from the number of classes', () => {
    expect(errorsOf([{ type: 'flatten' }, { type: 'dense', units: 7, activation: 'softmax' }], 10)).toEqual([
      { layer: 1, message: 'the classifier has 7 units but the dataset has 10 classes; set its units to 10' }
    ])
  })

  it('invalid settings, every layer at once, with the setting named', () => {
    const errors = errorsOf([
      { type: 'conv2d', filters: 0, kernelSize: [3, 3] },
      { type: 'conv2d', filters: 2.5, kernelSize: [3] },
      { type: 'maxPool2d', poolSize: [2, 2], padding: 'full' },
      { type: 'dropout', rate: 1 },
      { type: 'conv2d', filters: 8, kernel_size: [3, 3] },
      { type: 'dense', units: 10, activation: 'swish' },
      { type: 'pool' },
      classifier
    ])
    expect(errors).toEqual([
      { layer: 0, message: 'filters: must be a positive whole number' },
      { layer: 1, message: 'filters: must be a positive whole number' },
      {
        layer: 1,
        message: 'kernelSize: must be a pair of positive whole numbers [height, width], e.g. [3, 3]'
      },
      { layer: 2, message: "padding: must be 'same' or 'valid'" },
      { layer: 3, message: 'rate: must be below 1 (a rate of 1 would drop every value)' },
      {
        layer: 4,
        message:
          'kernelSize: is missing; must be a pair of positive whole numbers [height, width], e.g. [3, 3]'
      },
      {
        layer: 4,
        message:
          'unknown setting "kernel_size"; check its spelling (settings use Keras names such as "kernelSize")'
      },
      {
        layer: 5,
        message: 'activation: must be one of relu, elu, leakyRelu, sigmoid, tanh, softmax, linear'
      },
      {
        layer: 6,
        message:
          'type: must be one of conv2d, maxPool2d, avgPool2d, batchNorm, dropout, flatten, globalAveragePool, dense, activation'
      }
    ])
  })

  it('an invalid input shape, for the network as a whole', () => {
    const errors = errorsOf([{ type: 'flatten' }, classifier], 10, { height: 0, width: 28, channels: 1 })
    expect(errors).toEqual([{ layer: -1, message: 'input.height: must be a positive whole number' }])
  })
})

describe('warnings for legal but dubious stacks', () => {
  it('a dense layer of more than 50 million parameters', () => {
    const w = warningsOf([
      { type: 'flatten' },
      { type: 'dense', units: 70_000, activation: 'relu' },
      classifier
    ])
    expect(w.map((x) => x.layer)).toEqual([1])
    expect(w[0]?.message).toContain('54,950,000 parameters (over 50 million)')
  })

  it('dropout after the classifier', () => {
    const w = warningsOf([{ type: 'flatten' }, classifier, { type: 'dropout', rate: 0.5 }])
    expect(w).toEqual([
      {
        layer: 2,
        message:
          'dropout after the classifier randomly zeroes class probabilities; move it before the last dense layer'
      }
    ])
  })

  it('stacked convolutions with no activation between them', () => {
    const w = warningsOf([
      { type: 'conv2d', filters: 4, kernelSize: [3, 3] },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 4, kernelSize: [3, 3], activation: 'relu' },
      { type: 'conv2d', filters: 4, kernelSize: [3, 3] },
      { type: 'activation', activation: 'relu' },
      { type: 'conv2d', filters: 4, kernelSize: [3, 3], activation: 'relu' },
      { type: 'flatten' },
      classifier
    ])
    expect(w.map((x) => x.layer)).toEqual([0])
    expect(w[0]?.message).toContain('layers 0 and 2 are convolutions with no activation between them')
  })

  it('softmax in a hidden layer', () => {
    const w = warningsOf([
      { type: 'flatten' },
      { type: 'dense', units: 32, activation: 'softmax' },
      classifier
    ])
    expect(w.map((x) => x.layer)).toEqual([1])
  })

  it('none for the templates’ style of stack', () => {
    expect(
      warningsOf([
        { type: 'conv2d', filters: 4, kernelSize: [3, 3], activation: 'relu' },
        { type: 'flatten' },
        classifier
      ])
    ).toEqual([])
  })
})
