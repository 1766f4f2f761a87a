import * as tf from '@tensorflow/tfjs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportRun } from '../../../src/main/engine/export/exportRun'
import { pixelsToBatch } from '../../../src/main/engine/augment/pixelBatch'
import { featureMaps } from '../../../src/main/engine/insight/featureMaps'
import { loadInspectedModel, type InspectedModel } from '../../../src/main/engine/insight/inspectedModel'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { NetworkSpec } from '../../../src/shared/network'
import { everyKindSpec, tempDir, writeTestRun } from '../export/exportFixtures'
import { maxDifference, randomPixels } from './insightFixtures'

const CLASSES = ['a', 'b', 'c', 'd', 'e']
const spec: NetworkSpec = everyKindSpec('flatten', CLASSES.length)
let dir: string
let cleanup: () => Promise<void>
let runDir: string
let trained: tf.Sequential
let fromRun: InspectedModel
const pixels = randomPixels(13, 13, 3, 21)

beforeAll(async () => {
  await trainingBackend('wasm')
  ;({ dir, cleanup } = await tempDir('cw-insight-'))
  runDir = path.join(dir, 'run')
  trained = await writeTestRun(runDir, spec, CLASSES, 5)
  fromRun = await loadInspectedModel(runDir)
})

afterAll(async () => {
  trained.dispose()
  fromRun.model.dispose()
  await cleanup()
})

/**
 * The network cut after layer k, built the Keras way from the trained model's own graph: a model from its
 * input to the output of the last tfjs layer that spec layer k became (a conv with leakyRelu becomes two).
 */
function truncatedOutput(k: number): Float32Array {
  const last = [...trained.layers].reverse().find((l) => l.name.startsWith(`L${k}_`))!
  // Shares the trained layers' weights: disposing it would dispose theirs.
  const truncated = tf.model({ inputs: trained.inputs, outputs: last.output as tf.SymbolicTensor })
  return tf.tidy(() =>
    (truncated.predict(pixelsToBatch([pixels], fromRun.manifest.input)) as tf.Tensor).dataSync()
  ) as Float32Array
}

describe('feature maps', () => {
  it('are, for every layer, the output of the network truncated after that layer', async () => {
    const before = tf.memory().numTensors
    const maps = await featureMaps(fromRun, pixels, undefined)
    expect(tf.memory().numTensors).toBe(before)
    expect(maps.layers.map((l) => l.layer)).toEqual(spec.layers.map((_, i) => i))
    for (const layer of maps.layers) {
      const expected = truncatedOutput(layer.layer)
      expect(layer.values.length).toBe(expected.length)
      expect(maxDifference(layer.values, expected)).toBeLessThan(1e-5)
      expect(layer.kind).toBe(spec.layers[layer.layer]?.type)
    }
    // Layer 2 is a strided conv with leakyRelu (two tfjs layers): 13×13 → 7×7 with 6 maps.
    expect(maps.layers[2]?.shape).toEqual([7, 7, 6])
  })

  it('give each map its range, and the probabilities prediction gives', async () => {
    const maps = await featureMaps(fromRun, pixels, undefined)
    const first = maps.layers[0]!
    const channel = 3
    const own = first.values.filter((_, i) => i % 4 === channel)
    expect(first.channels[channel]!.min).toBe(Math.min(...own))
    expect(first.channels[channel]!.max).toBe(Math.max(...own))
    expect(first.channels[channel]!.mean).toBeCloseTo(own.reduce((a, b) => a + b, 0) / own.length, 5)
    const expected = tf.tidy(() =>
      (trained.predict(pixelsToBatch([pixels], fromRun.manifest.input)) as tf.Tensor).dataSync()
    )
    expect(maxDifference(maps.probabilities, expected)).toBeLessThan(1e-6)
    expect(maps.predicted).toBe(expected.indexOf(Math.max(...expected)))
  })

  it('of one layer only, and the same from an exported TF.js folder', async () => {
    const exported = path.join(dir, 'export')
    await exportRun(runDir, 'tfjs', exported)
    const fromExport = await loadInspectedModel(exported)
    try {
      const one = await featureMaps(fromExport, pixels, [6])
      expect(one.layers.map((l) => l.layer)).toEqual([6])
      expect(maxDifference(one.layers[0]!.values, truncatedOutput(6))).toBeLessThan(1e-5)
      await expect(featureMaps(fromExport, pixels, [40])).rejects.toThrow('numbered 0 to 17')
    } finally {
      fromExport.model.dispose()
    }
  })

  it('say which earlier layer a flatten or dropout repeats instead of repeating its values', async () => {
    const maps = await featureMaps(fromRun, pixels, undefined)
    const dropout = maps.layers.find((l) => l.kind === 'dropout')!
    const flatten = maps.layers.find((l) => l.kind === 'flatten')!
    expect(dropout.sameValuesAs).toBe(dropout.layer - 1)
    expect(flatten.sameValuesAs).toBe(dropout.layer - 1)
    expect(maps.layers[0]!.sameValuesAs).toBeNull()
  })
})
