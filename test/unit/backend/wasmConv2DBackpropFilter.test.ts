import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { compareWithCpu } from './cpuReference'
import { CONV_CASES } from './kernelCases'

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  it('is registered once the wasm backend is chosen', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined()
  })

  it.each(CONV_CASES)(
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
