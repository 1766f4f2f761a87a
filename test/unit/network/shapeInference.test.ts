import { describe, expect, it } from 'vitest'
import {
  buildTemplate,
  describeWindowAxis,
  samePaddingTotal,
  summarizeNetwork,
  TEMPLATE_NAMES,
  windowOutputSize,
  withClassCount
} from '../../../src/shared/network'

/** The spec exactly as the public file format documents it. */
const LECTURE_JSON = {
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 32, kernelSize: [5, 5], strides: [1, 1], padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 1024, activation: 'relu' },
    { type: 'dropout', rate: 0.5 },
    { type: 'dense', units: 10, activation: 'softmax' }
  ]
}

describe('the lecture network (Deep MNIST)', () => {
  const summary = summarizeNetwork(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10), {
    classes: 10
  })

  it('has the hand-computed parameter counts per layer and 3,274,634 in total', () => {
    expect(summary.errors).toEqual([])
    expect(summary.warnings).toEqual([])
    expect(summary.layers.map((l) => l.params)).toEqual([832, 0, 51264, 0, 0, 3212288, 0, 10250])
    expect(summary.totalParams).toBe(3_274_634)
    expect(summary.trainableParams).toBe(3_274_634)
    expect(summary.nonTrainableParams).toBe(0)
  })

  it('is 7×7×64 before the flatten and 3136 after it', () => {
    expect(summary.layers.map((l) => l.outputShape)).toEqual([
      [28, 28, 32],
      [14, 14, 32],
      [14, 14, 64],
      [7, 7, 64],
      [3136],
      [1024],
      [1024],
      [10]
    ])
  })

  it('counts multiply-adds and activation memory per image', () => {
    // conv1: 28·28·32·25, conv2: 14·14·64·(25·32), dense: 3136·1024 + 1024·10
    expect(summary.multiplyAdds).toBe(28 * 28 * 32 * 25 + 14 * 14 * 64 * 800 + 3136 * 1024 + 1024 * 10)
    const floats = 784 + 25088 + 6272 + 12544 + 3136 + 3136 + 1024 + 1024 + 10
    expect(summary.memoryBytes).toBe(floats * 4)
    expect(summary.layers[0]?.memoryBytes).toBe(28 * 28 * 32 * 4)
  })

  it('explains each conv and pool with the lecture formula, numbers filled in', () => {
    expect(summary.layers[0]?.formula?.width).toBe(
      "W_out = (28 − 5 + 2·2)/1 + 1 = 28 ('same' pads P = 2 on each side so that W_out = ⌈28/1⌉)"
    )
    expect(summary.layers[1]?.formula?.height).toBe(
      "H_out = (28 − 2 + 2·0)/2 + 1 = 14 ('same' pads P = 0 on each side so that H_out = ⌈28/2⌉)"
    )
    expect(summary.layers[4]?.formula).toBeUndefined()
  })

  it('accepts the documented JSON file format as written', () => {
    const s = summarizeNetwork(LECTURE_JSON, { classes: 10 })
    expect(s.errors).toEqual([])
    expect(s.layers[1]?.outputShape).toEqual([14, 14, 32])
    expect(s.totalParams).toBe(832 + 14 * 14 * 32 * 1024 + 1024 + 10250)
  })
})

describe('window arithmetic', () => {
  it("follows TensorFlow: 'same' → ⌈W/S⌉, 'valid' → ⌊(W − F)/S⌋ + 1", () => {
    expect(windowOutputSize(28, 5, 1, 'valid')).toBe(24)
    expect(windowOutputSize(28, 5, 2, 'valid')).toBe(12)
    expect(windowOutputSize(7, 2, 2, 'same')).toBe(4)
    expect(windowOutputSize(7, 2, 2, 'valid')).toBe(3)
  })

  it('every formula string ends in the computed size, and its own arithmetic gives that size', () => {
    for (let w = 1; w <= 20; w++) {
      for (let k = 1; k <= 7; k++) {
        for (let s = 1; s <= 4; s++) {
          for (const padding of ['same', 'valid'] as const) {
            if (padding === 'valid' && k > w) continue
            const out = windowOutputSize(w, k, s, padding)
            const total = padding === 'same' ? samePaddingTotal(w, k, s) : 0
            expect(Math.floor((w - k + total) / s) + 1).toBe(out)
            expect(describeWindowAxis('W', w, k, s, padding)).toContain(`+ 1 = ${out} (`)
          }
        }
      }
    }
  })

  it('shows odd padding and a dropped remainder honestly', () => {
    expect(describeWindowAxis('W', 28, 4, 1, 'same')).toBe(
      "W_out = (28 − 4 + 1 + 2)/1 + 1 = 28 ('same' pads 1 before and 2 after so that W_out = ⌈28/1⌉)"
    )
    expect(describeWindowAxis('H', 28, 5, 2, 'valid')).toBe(
      "H_out = ⌊(28 − 5 + 2·0)/2⌋ + 1 = 12 ('valid': no padding, P = 0)"
    )
  })
})

describe('templates', () => {
  for (const name of TEMPLATE_NAMES) {
    it(`${name} is valid for 28×28×1 / 10 classes and 64×64×3 / 5 classes`, () => {
      const small = summarizeNetwork(buildTemplate(name, { height: 28, width: 28, channels: 1 }, 10), {
        classes: 10
      })
      const big = summarizeNetwork(buildTemplate(name, { height: 64, width: 64, channels: 3 }, 5), {
        classes: 5
      })
      expect(small.errors).toEqual([])
      expect(big.errors).toEqual([])
      expect(small.outputShape).toEqual([10])
      expect(big.outputShape).toEqual([5])
    })
  }

  it('tiny stays small enough to train in seconds', () => {
    const s = summarizeNetwork(buildTemplate('tiny', { height: 28, width: 28, channels: 1 }, 10))
    expect(s.totalParams).toBeLessThan(20_000)
  })

  it('batch-norm has 4·C parameters of which 2·C train', () => {
    const s = summarizeNetwork(buildTemplate('vgg-small', { height: 28, width: 28, channels: 1 }, 10))
    const bn = s.layers.find((l) => l.kind === 'batchNorm')
    expect([bn?.params, bn?.trainableParams]).toEqual([4 * 32, 2 * 32])
    expect(s.nonTrainableParams).toBe(2 * (32 + 32 + 64 + 64))
  })
})

describe('withClassCount', () => {
  it('sets the classifier to the dataset’s number of classes, leaving hidden dense layers alone', () => {
    const spec = withClassCount(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10), 3)
    const dense = spec.layers.filter((l) => l.type === 'dense')
    expect(dense.map((l) => (l.type === 'dense' ? l.units : 0))).toEqual([1024, 3])
    const s = summarizeNetwork(spec, { classes: 3 })
    expect(s.errors).toEqual([])
    expect(s.layers[7]?.params).toBe(1024 * 3 + 3)
  })
})
