import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { compareWithCpu } from './cpuReference'

describe('Sum on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  const cases: Array<[string, number[], number[], boolean]> = [
    ['conv bias gradient over N, H, W', [8, 16, 16, 32], [0, 1, 2], false],
    ['the same, keeping dims', [8, 16, 16, 32], [0, 1, 2], true],
    ['dense bias gradient over the batch', [300, 300], [0], false],
    ['leading axes given out of order and negative', [9, 20, 20, 21], [-3, 0], false],
    ['axes that are not leading (stock kernel)', [8, 16, 16, 32], [0, 2], false],
    ['every axis (stock kernel)', [8, 16, 16, 32], [0, 1, 2, 3], false],
    ['a small tensor (stock kernel)', [4, 5, 6, 7], [0, 1, 2], false]
  ]
  it.each(cases)('%s matches cpu', async (_label, shape, axes, keepDims) => {
    const result = await compareWithCpu([shape], (x) => tf.sum(x, axes, keepDims))
    expect(result.wasmShape).toEqual(result.cpuShape)
    expect(result.relativeError).toBeLessThan(1e-4)
    expect(result.leakedBuffers).toBe(0)
  })

  it('adds many equal values in four columns (the SIMD pass) without the drift of a float32 running sum', async () => {
    const total = tf.tidy(() => tf.sum(tf.fill([1 << 20, 4], 0.1), 0))
    for (const value of await total.data()) expect(value).toBeCloseTo(104857.6, 1)
    total.dispose()
  })

  it('adds many equal values without the drift of a float32 running sum', async () => {
    const total = tf.tidy(() => tf.sum(tf.fill([1 << 20, 1], 0.1), 0))
    expect((await total.data())[0]).toBeCloseTo(104857.6, 1)
    total.dispose()
  })
})
