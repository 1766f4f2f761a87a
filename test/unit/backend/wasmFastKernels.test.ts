import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { chooseMatMulPlan } from '../../../src/main/engine/backend/wasmBatchMatMul'
import { compareWithCpu } from './cpuReference'
import { CONV_CASES, MATMUL_CASES } from './kernelCases'

describe('faster wasm kernels', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  describe('BatchMatMul', () => {
    it.each(MATMUL_CASES)('%s matches cpu', async (_label, aShape, bShape, transposeA, transposeB) => {
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
    it.each(CONV_CASES)(
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
