import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { compareWithCpu } from './cpuReference'

describe('adding a per-channel bias on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  it.each([
    ['a conv output plus its bias (the SIMD pass)', [8, 12, 12, 32], [32]],
    ['a small tensor (stock kernel)', [2, 3, 3, 8], [8]],
    ['a channel count that is not a multiple of 4 (stock kernel)', [8, 12, 12, 6], [6]],
    ['two tensors of the same shape (stock kernel)', [8, 12, 12, 32], [8, 12, 12, 32]]
  ])('matches cpu exactly for %s', async (_label, a, b) => {
    const result = await compareWithCpu([a, b], (x, bias) => tf.add(x, bias))
    expect(result.wasmShape).toEqual(result.cpuShape)
    expect(result.relativeError).toBe(0)
    expect(result.leakedBuffers).toBe(0)
  })

  it('passes its gradient to both inputs', async () => {
    const result = await compareWithCpu([[8, 12, 12, 32], [32]], (x, bias) =>
      tf.grad((b: tf.Tensor) =>
        tf
          .add(x as tf.Tensor, b)
          .square()
          .sum()
      )(bias as tf.Tensor)
    )
    expect(result.relativeError).toBeLessThan(1e-5)
  })
})
