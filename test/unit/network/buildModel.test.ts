import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  buildModel,
  buildModelWithLayerMap,
  NetworkSpecError
} from '../../../src/main/engine/network/buildModel'
import {
  buildTemplate,
  summarizeNetwork,
  TEMPLATE_NAMES,
  type NetworkSpec
} from '../../../src/shared/network'
import { randomNetworkSpec } from './randomNetworkSpec'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

/** Builds the spec with tfjs and checks every inferred shape and parameter count against the real model. */
function expectInferenceMatchesTfjs(spec: NetworkSpec, classes: number): void {
  const summary = summarizeNetwork(spec, { classes })
  expect(summary.errors).toEqual([])
  const tensorsBefore = tf.memory().numTensors
  const { model, layerMap } = buildModelWithLayerMap(spec, { classes })
  try {
    expect(layerMap).toHaveLength(spec.layers.length)
    summary.layers.forEach((report, i) => {
      const tfLayers = (layerMap[i] ?? []).map((j) => model.layers[j]!)
      const last = tfLayers[tfLayers.length - 1]!
      expect([`layer ${i}`, (last.outputShape as (number | null)[]).slice(1)]).toEqual([
        `layer ${i}`,
        report.outputShape
      ])
      const params = tfLayers.reduce((n, l) => n + l.countParams(), 0)
      const trainable = tfLayers.reduce(
        (n, l) => n + l.trainableWeights.reduce((m, w) => m + tf.util.sizeFromShape(w.shape as number[]), 0),
        0
      )
      expect([`layer ${i}`, params, trainable]).toEqual([`layer ${i}`, report.params, report.trainableParams])
    })
    expect(model.countParams()).toBe(summary.totalParams)
  } finally {
    model.dispose()
  }
  expect(tf.memory().numTensors).toBe(tensorsBefore)
}

describe('buildModel agrees with shape inference', () => {
  for (const name of TEMPLATE_NAMES) {
    it(`template ${name} at 28×28×1 with 10 classes and 64×64×3 with 5 classes`, () => {
      expectInferenceMatchesTfjs(buildTemplate(name, { height: 28, width: 28, channels: 1 }, 10), 10)
      expectInferenceMatchesTfjs(buildTemplate(name, { height: 64, width: 64, channels: 3 }, 5), 5)
    })
  }

  it('200 random valid stacks (seeds 1–200)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { spec, classes } = randomNetworkSpec(seed)
      try {
        expectInferenceMatchesTfjs(spec, classes)
      } catch (error) {
        throw new Error(`seed ${seed}: ${JSON.stringify(spec)}\n${String(error)}`)
      }
    }
  })

  it('runs a forward pass with the inferred output shape and probabilities summing to 1', () => {
    const spec = buildTemplate('tiny', { height: 28, width: 28, channels: 1 }, 10)
    const model = buildModel(spec)
    const sums = tf.tidy(() => {
      const out = model.predict(tf.randomUniform([2, 28, 28, 1])) as tf.Tensor
      expect(out.shape).toEqual([2, 10])
      return out.sum(1).arraySync() as number[]
    })
    model.dispose()
    for (const s of sums) expect(s).toBeCloseTo(1, 5)
  })

  it('names the weights after the spec layer', () => {
    const model = buildModel(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10))
    expect(model.layers.map((l) => l.name)).toEqual([
      'L0_conv2d',
      'L1_maxPool2d',
      'L2_conv2d',
      'L3_maxPool2d',
      'L4_flatten',
      'L5_dense',
      'L6_dropout',
      'L7_dense'
    ])
    model.dispose()
  })

  it('refuses a spec with errors and lists them by layer', () => {
    const spec = {
      input: { height: 28, width: 28, channels: 1 },
      layers: [
        { type: 'conv2d', filters: 0, kernelSize: [3, 3] },
        { type: 'dense', units: 10 }
      ]
    }
    const before = tf.memory().numTensors
    expect(() => buildModel(spec)).toThrow(NetworkSpecError)
    expect(() => buildModel(spec)).toThrow(/layer 0: filters: must be a positive whole number/)
    expect(tf.memory().numTensors).toBe(before)
  })
})
