import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { loadNativeRuntime } from '../../../src/main/engine/backend/native/onnxRuntimeSync'
import { selectBackend, type BackendChoice } from '../../../src/main/engine/backend/selectBackend'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { buildTemplate } from '../../../src/shared/network'

// The native backends cannot load on this machine; the chain reports why (see test/unit/backend).
const AVAILABLE_HERE: Array<[string, () => Promise<BackendChoice>]> = [
  ["wasm's own kernels", () => selectBackend({ force: 'wasm' })],
  ["wasm with onnxruntime's kernels", () => selectBackend({ force: 'wasm', native: loadNativeRuntime(2) })],
  ['cpu', () => selectBackend({ force: 'cpu' })]
]

describe('the lecture network trains on every backend available here', () => {
  for (const [label, select] of AVAILABLE_HERE) {
    it(`takes optimizer steps on ${label}`, async () => {
      const choice = await select()
      expect(tf.getBackend()).toBe(choice.tfBackend)
      const model = buildModel(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10))
      model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' })
      const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 7)
      const y = tf.oneHot(tf.tensor1d([3, 8], 'int32'), 10)
      const before = (model.layers[0]!.getWeights()[0]!.dataSync() as Float32Array).slice(0, 50)
      const losses: number[] = []
      for (let step = 0; step < 2; step++) losses.push(Number(await model.trainOnBatch(x, y)))
      const after = model.layers[0]!.getWeights()[0]!.dataSync() as Float32Array
      expect(losses.every(Number.isFinite)).toBe(true)
      expect(Array.from(after.slice(0, 50))).not.toEqual(Array.from(before))
      tf.dispose([x, y])
      model.dispose()
    }, 120_000)
  }
})
