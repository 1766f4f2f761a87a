import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { compareWithCpu } from './cpuReference'

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]]

/** [input NHWC, filter HWIO, stride, padding] */
const CASES: Array<[number[], number[], number, Pad]> = [
  [[2, 7, 7, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 8, 8, 3], [3, 3, 3, 4], 2, 'same'],
  [[1, 9, 9, 2], [5, 5, 2, 3], 2, 'valid'],
  [[3, 6, 6, 2], [1, 1, 2, 5], 1, 'valid'],
  [[2, 10, 10, 1], [5, 5, 1, 2], 2, 'same'],
  [[2, 9, 8, 2], [3, 3, 2, 2], 2, 'valid'],
  [[2, 12, 12, 4], [5, 5, 4, 6], 1, 'same'],
  [[2, 6, 5, 3], [1, 1, 3, 2], 2, 'same'],
  [
    [2, 7, 8, 2],
    [3, 3, 2, 3],
    1,
    [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0]
    ]
  ]
]

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  it('is registered once the wasm backend is chosen', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined()
  })

  it.each(CASES)(
    'matches the cpu gradient for x %j, filter %j, stride %i, pad %j',
    async (xShape, wShape, stride, pad) => {
      const filterGradient = (x: tf.Tensor, w: tf.Tensor): tf.Tensor =>
        tf.grad((filter: tf.Tensor) =>
          tf
            .conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, stride, pad)
            .square()
            .sum()
        )(w)

      const result = await compareWithCpu([xShape, wShape], filterGradient)

      expect(result.wasmShape).toEqual(wShape)
      expect(result.cpuShape).toEqual(wShape)
      expect(result.relativeError).toBeLessThan(1e-4)
      expect(result.leakedBuffers).toBe(0)
    }
  )
})
