import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pixelsToBatch } from '../../../src/main/engine/augment/pixelBatch'
import { gradCam, gradientSaliency } from '../../../src/main/engine/insight/saliency'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { NetworkSpec } from '../../../src/shared/network'
import { setSeededWeights } from '../export/exportFixtures'
import { inspectedInMemory, maxDifference, randomPixels } from './insightFixtures'

const small: NetworkSpec = {
  input: { height: 10, width: 10, channels: 3 },
  layers: [
    {
      type: 'conv2d',
      filters: 4,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'same',
      activation: 'relu',
      useBias: true
    },
    { type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' },
    {
      type: 'conv2d',
      filters: 5,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      activation: 'relu',
      useBias: true
    },
    { type: 'flatten' },
    { type: 'dense', units: 3, activation: 'softmax', useBias: true }
  ]
}
const CLASSES = ['x', 'y', 'z']
let model: tf.Sequential

beforeAll(async () => {
  await trainingBackend('wasm')
  model = buildModel(small)
  setSeededWeights(model, 17)
})
afterAll(() => model.dispose())

/** Grad-CAM written out directly: the conv's maps from a truncated model, the logits by hand, tf.grad. */
function directGradCam(
  pixels: Uint8Array,
  classIndex: number,
  convName: string,
  between: string[] = []
): Float32Array {
  const conv = model.getLayer(convName)
  const features = tf.model({ inputs: model.inputs, outputs: conv.output as tf.SymbolicTensor })
  const [kernel, bias] = model.getLayer('L4_dense').getWeights() as [tf.Tensor2D, tf.Tensor1D]
  return tf.tidy(() => {
    const maps = features.predict(pixelsToBatch([pixels], small.input)) as tf.Tensor4D
    const logit = (a: tf.Tensor): tf.Scalar => {
      const deeper = between.reduce((t, name) => model.getLayer(name).apply(t) as tf.Tensor, a)
      return tf
        .add(tf.matMul(deeper.reshape([1, -1]), kernel), bias)
        .mul(tf.oneHot([classIndex], 3))
        .sum()
    }
    const g = tf.grad(logit)(maps)
    const weights = tf.mean(g, [1, 2])
    return tf.relu(tf.sum(tf.mul(maps, weights.reshape([1, 1, 1, -1])), -1)).dataSync()
  }) as Float32Array
}

describe('Grad-CAM', () => {
  it('equals a direct tf.grad computation on the pre-softmax score, for every class', () => {
    const inspected = inspectedInMemory(model, small, CLASSES)
    const pixels = randomPixels(10, 10, 3, 4)
    const before = tf.memory().numTensors
    for (const classIndex of [0, 1, 2]) {
      const cam = gradCam(inspected, pixels, { classIndex })
      expect(cam.layer).toBe(2)
      expect(cam.shape).toEqual([3, 3])
      const direct = directGradCam(pixels, classIndex, 'L2_conv2d')
      expect(maxDifference(cam.values, direct)).toBeLessThan(1e-5)
    }
    // At a chosen earlier layer too (through the max-pool and the second conv).
    const atFirst = gradCam(inspected, pixels, { classIndex: 1, layer: 0 })
    expect(atFirst.shape).toEqual([10, 10])
    expect(
      maxDifference(atFirst.values, directGradCam(pixels, 1, 'L0_conv2d', ['L1_maxPool2d', 'L2_conv2d']))
    ).toBeLessThan(1e-5)
    expect(tf.memory().numTensors).toBe(before)
  })

  it('names the predicted class and its probability when no class is chosen', () => {
    const inspected = inspectedInMemory(model, small, CLASSES)
    const pixels = randomPixels(10, 10, 3, 9)
    const probabilities = tf.tidy(() =>
      (model.predict(pixelsToBatch([pixels], small.input)) as tf.Tensor).dataSync()
    )
    const best = probabilities.indexOf(Math.max(...probabilities))
    const cam = gradCam(inspected, pixels)
    expect(cam.classIndex).toBe(best)
    expect(cam.probability).toBeCloseTo(probabilities[best]!, 6)
  })

  it('refuses a layer without maps and a class the model does not have, in words', () => {
    const inspected = inspectedInMemory(model, small, CLASSES)
    const pixels = randomPixels(10, 10, 3, 1)
    expect(() => gradCam(inspected, pixels, { layer: 3 })).toThrow('layer 3 is flatten')
    expect(() => gradCam(inspected, pixels, { classIndex: 3 })).toThrow('this model has 3 classes')
  })

  it('peaks in the quadrant a hand-made network responds to, and is positive there', () => {
    const spec: NetworkSpec = {
      input: { height: 8, width: 8, channels: 1 },
      layers: [
        {
          type: 'conv2d',
          filters: 2,
          kernelSize: [3, 3],
          strides: [1, 1],
          padding: 'same',
          activation: 'relu',
          useBias: true
        },
        { type: 'globalAveragePool' },
        { type: 'dense', units: 2, activation: 'softmax', useBias: true }
      ]
    }
    const handMade = buildModel(spec)
    try {
      // Map 0 is the local brightness, map 1 its opposite; class "bright" counts the first against the second.
      handMade.setWeights([
        tf.concat([tf.fill([3, 3, 1, 1], 1 / 9), tf.fill([3, 3, 1, 1], -1 / 9)], 3),
        tf.tensor1d([0, 1]),
        tf.tensor2d([
          [4, -4],
          [-4, 4]
        ]),
        tf.tensor1d([0, 0])
      ])
      const pixels = new Uint8Array(64)
      for (let y = 0; y < 4; y++) for (let x = 4; x < 8; x++) pixels[y * 8 + x] = 255
      const cam = gradCam(inspectedInMemory(handMade, spec, ['bright', 'dark']), pixels, { classIndex: 0 })
      expect(cam.shape).toEqual([8, 8])
      const at = (y: number, x: number): number => cam.values[y * 8 + x]!
      const peak = cam.values.indexOf(Math.max(...cam.values))
      expect(Math.floor(peak / 8)).toBeLessThan(4)
      expect(peak % 8).toBeGreaterThanOrEqual(4)
      expect(at(1, 6)).toBeGreaterThan(0)
      expect(at(6, 1)).toBe(0)
      let inside = 0
      for (let y = 0; y < 4; y++) for (let x = 4; x < 8; x++) inside += at(y, x)
      const total = cam.values.reduce((a, b) => a + b, 0)
      expect(inside / total).toBeGreaterThan(0.9)
    } finally {
      handMade.dispose()
    }
  })
})

describe('gradient saliency', () => {
  it('matches finite differences of the pre-softmax score, the largest over the channels', () => {
    const tiny: NetworkSpec = {
      input: { height: 4, width: 4, channels: 3 },
      layers: [
        {
          type: 'conv2d',
          filters: 2,
          kernelSize: [2, 2],
          strides: [1, 1],
          padding: 'valid',
          activation: 'tanh',
          useBias: true
        },
        { type: 'flatten' },
        { type: 'dense', units: 3, activation: 'softmax', useBias: true }
      ]
    }
    const net = buildModel(tiny)
    try {
      setSeededWeights(net, 8)
      const pixels = randomPixels(4, 4, 3, 2)
      const classIndex = 2
      const saliency = gradientSaliency(inspectedInMemory(net, tiny, CLASSES), pixels, { classIndex })
      expect(saliency.shape).toEqual([4, 4])
      expect(saliency.layer).toBeNull()

      const flat = tf.model({
        inputs: net.inputs,
        outputs: net.getLayer('L1_flatten').output as tf.SymbolicTensor
      })
      const [kernel, bias] = net.getLayer('L2_dense').getWeights() as [tf.Tensor2D, tf.Tensor1D]
      const score = (x: Float32Array): number =>
        tf.tidy(() =>
          tf
            .add(tf.matMul(flat.predict(tf.tensor4d(x, [1, 4, 4, 3])) as tf.Tensor2D, kernel), bias)
            .dataSync()
        )[classIndex]!
      const x = Float32Array.from(pixels, (p) => p / 255)
      const h = 1e-2
      const expected = new Float32Array(16)
      for (let i = 0; i < x.length; i++) {
        const up = x.slice()
        const down = x.slice()
        up[i]! += h
        down[i]! -= h
        const pixel = Math.floor(i / 3)
        expected[pixel] = Math.max(expected[pixel]!, Math.abs((score(up) - score(down)) / (2 * h)))
      }
      expect(Math.max(...expected)).toBeGreaterThan(0.05)
      expect(maxDifference(saliency.values, expected)).toBeLessThan(2e-3)
    } finally {
      net.dispose()
    }
  })
})
