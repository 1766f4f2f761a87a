import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { chooseMatMulPlan } from '../../../src/main/engine/backend/wasmBatchMatMul'
import { compareWithCpu } from './cpuReference'

describe('faster wasm kernels', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  describe('BatchMatMul', () => {
    const cases: Array<[string, number[], number[], boolean, boolean]> = [
      ['a·b', [5, 7], [7, 3], false, false],
      ['aᵀ·b', [7, 5], [7, 3], true, false],
      ['a·bᵀ', [5, 7], [3, 7], false, true],
      ['aᵀ·bᵀ', [7, 5], [3, 7], true, true],
      ['aᵀ·b, rank 3 with batch 1', [1, 7, 5], [1, 7, 3], true, false],
      ['a·bᵀ, batch 2 (stock kernel)', [2, 5, 7], [2, 3, 7], false, true],
      ['dense weight gradient xᵀ·dy', [32, 300], [32, 100], true, false],
      ['dense input gradient dy·Wᵀ', [32, 100], [300, 100], false, true],
      ['dense forward x·W with new weights', [4, 300], [300, 100], false, false]
    ]
    it.each(cases)('%s matches cpu', async (_label, aShape, bShape, transposeA, transposeB) => {
      const result = await compareWithCpu([aShape, bShape], (a, b) =>
        tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, transposeA, transposeB)
      )
      expect(result.wasmShape).toEqual(result.cpuShape)
      expect(result.relativeError).toBeLessThan(1e-4)
      expect(result.leakedBuffers).toBe(0)
    })

    it('gives the same product when the same weights are used again (packed copy reused)', async () => {
      const twice = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
        tf
          .matMul(a as tf.Tensor2D, b as tf.Tensor2D)
          .sub(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).mul(2))
      const result = await compareWithCpu(
        [
          [4, 300],
          [300, 100]
        ],
        twice
      )
      expect(result.relativeError).toBeLessThan(1e-4)
      expect(result.leakedBuffers).toBe(0)
    })

    it('never packs the big weight matrix of a training step', () => {
      // dW = xᵀ·dy: transpose the small activations; dx = dy·Wᵀ and y = x·W: use W as stored.
      expect(chooseMatMulPlan([32, 3136], [32, 1024], true, false)).toBe('direct')
      expect(chooseMatMulPlan([32, 1024], [3136, 1024], false, true)).toBe('swapped')
      expect(chooseMatMulPlan([32, 3136], [3136, 1024], false, false)).toBe('swapped')
      expect(chooseMatMulPlan([5, 7], [7, 3], false, false)).toBe('direct')
    })
  })

  describe('Conv2DBackpropInput', () => {
    const cases: Array<[number[], number[], number, 'same' | 'valid']> = [
      [[2, 7, 7, 3], [3, 3, 3, 4], 1, 'same'],
      [[2, 8, 8, 3], [3, 3, 3, 4], 2, 'same'],
      [[2, 7, 7, 2], [3, 3, 2, 2], 2, 'same'],
      [[1, 9, 9, 2], [5, 5, 2, 3], 2, 'valid'],
      [[3, 6, 6, 2], [1, 1, 2, 5], 1, 'valid'],
      [[2, 9, 8, 2], [3, 3, 2, 2], 2, 'valid'],
      [[2, 14, 14, 4], [5, 5, 4, 6], 1, 'same'],
      [[1, 7, 6, 1], [4, 4, 1, 2], 3, 'same']
    ]
    it.each(cases)(
      'matches the cpu gradient for x %j, filter %j, stride %i, %s',
      async (xShape, wShape, stride, pad) => {
        const inputGradient = (x: tf.Tensor, w: tf.Tensor): tf.Tensor =>
          tf.grad((input: tf.Tensor) =>
            tf
              .conv2d(input as tf.Tensor4D, w as tf.Tensor4D, stride, pad)
              .square()
              .sum()
          )(x)

        const result = await compareWithCpu([xShape, wShape], inputGradient)

        expect(result.wasmShape).toEqual(xShape)
        expect(result.relativeError).toBeLessThan(1e-4)
        expect(result.leakedBuffers).toBe(0)
      }
    )
  })
})
