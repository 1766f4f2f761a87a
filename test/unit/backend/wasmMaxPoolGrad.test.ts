import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { compareWithCpu } from './cpuReference'

/** Gradient of a weighted max-pool sum, so every window's dy differs. */
function poolGradient(
  size: number,
  stride: number,
  pad: 'same' | 'valid',
  withTies: boolean
): (x: tf.Tensor, dy: tf.Tensor) => tf.Tensor {
  return (x, dy) => {
    // ReLU leaves many windows of equal zeros: the gradient must reach only the first of them.
    const input = withTies ? tf.relu(x) : x
    return tf.grad((a: tf.Tensor) =>
      tf
        .maxPool(a as tf.Tensor4D, size, stride, pad)
        .mul(dy)
        .sum()
    )(input)
  }
}

describe('MaxPoolGrad on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  const cases: Array<[string, number[], number[], number, number, 'same' | 'valid', boolean]> = [
    ['2×2/2, lecture conv1 shape', [2, 28, 28, 32], [2, 14, 14, 32], 2, 2, 'same', false],
    ['2×2/2 after ReLU (tied zeros)', [3, 8, 8, 5], [3, 4, 4, 5], 2, 2, 'valid', true],
    ['2×2/2 after ReLU, 8 channels (SIMD)', [3, 8, 6, 8], [3, 4, 3, 8], 2, 2, 'valid', true],
    ['2×2/2, lecture conv2 shape (SIMD)', [2, 14, 14, 64], [2, 7, 7, 64], 2, 2, 'same', false],
    ['2×2/2, odd size (last row and column uncovered)', [2, 7, 9, 3], [2, 3, 4, 3], 2, 2, 'valid', true],
    ['3×3/3 windows', [1, 9, 9, 2], [1, 3, 3, 2], 3, 3, 'valid', true],
    ['3×3/2 overlapping windows (stock kernel)', [2, 9, 9, 3], [2, 4, 4, 3], 3, 2, 'valid', false],
    ['3×3/3 same, windows clipped at both ends', [2, 7, 8, 3], [2, 3, 3, 3], 3, 3, 'same', true],
    ['2×2/2 same with odd size (padded windows)', [1, 7, 7, 2], [1, 4, 4, 2], 2, 2, 'same', true]
  ]
  it.each(cases)(
    '%s matches the cpu gradient',
    async (_label, xShape, dyShape, size, stride, pad, withTies) => {
      const result = await compareWithCpu([xShape, dyShape], poolGradient(size, stride, pad, withTies))
      expect(result.wasmShape).toEqual(xShape)
      expect(result.relativeError).toBeLessThan(1e-4)
      expect(result.leakedBuffers).toBe(0)
    }
  )

  it('sends each window its dy exactly once when all four values tie', async () => {
    const dx = tf.tidy(() =>
      tf.grad((a: tf.Tensor) =>
        tf
          .maxPool(a as tf.Tensor4D, 2, 2, 'valid')
          .mul(tf.tensor([5]))
          .sum()
      )(tf.zeros([1, 2, 2, 1]))
    )
    expect(Array.from(await dx.data())).toEqual([5, 0, 0, 0])
    dx.dispose()
  })

  it('sends each window its dy exactly once when all four values tie, four channels at a time', async () => {
    const dx = tf.tidy(() =>
      tf.grad((a: tf.Tensor) =>
        tf
          .maxPool(a as tf.Tensor4D, 2, 2, 'valid')
          .mul(tf.tensor([1, 2, 3, 4]))
          .sum()
      )(tf.zeros([1, 2, 2, 4]))
    )
    expect(Array.from(await dx.data())).toEqual([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    dx.dispose()
  })
})
