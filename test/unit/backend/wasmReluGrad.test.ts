import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { RELU_GRAD, RELU_GRAD_SUMS } from '../../../src/main/engine/backend/wasmReluGrad'
import { compareWithCpu } from './cpuReference'

describe("ReLU's gradient on wasm", () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' })
  })

  it.each([
    ['a conv layer', [4, 9, 9, 8]],
    ['a length that is not a multiple of 4 (scalar tail)', [7, 3]]
  ])('matches cpu for %s', async (_label, shape) => {
    const result = await compareWithCpu([shape, shape], (x, dy) =>
      tf.grad((input: tf.Tensor) =>
        tf
          .relu(input)
          .mul(dy as tf.Tensor)
          .sum()
      )(x as tf.Tensor)
    )
    expect(result.relativeError).toBe(0)
    expect(result.leakedBuffers).toBe(0)
  })

  it('gives what tfjs gives at zero, for NaN and for infinite gradients', () => {
    const x = tf.tensor1d([-1, 0, 2, NaN, 3, -0, 5])
    const dy = tf.tensor1d([1, -2, 3, 4, Infinity, 6, -7])
    const [fused, stock] = tf.tidy(() => {
      const fusedGrad = tf.grad((input: tf.Tensor) => tf.relu(input).mul(dy).sum())(x)
      const stockGrad = tf.mul(dy, tf.cast(tf.step(x), 'float32'))
      return [Array.from(fusedGrad.dataSync()), Array.from(stockGrad.dataSync())]
    })
    expect(fused).toEqual(stock)
    expect(fused.map((v) => Object.is(v, -0))).toEqual(stock.map((v) => Object.is(v, -0)))
    tf.dispose([x, dy])
  })

  it('is one kernel instead of Step, Cast and Multiply', async () => {
    const x = tf.randomUniform([2, 5, 5, 4], -1, 1)
    const profile = await tf.profile(() =>
      tf.tidy(() => tf.grad((input: tf.Tensor) => tf.relu(input).sum())(x))
    )
    const names = profile.kernels.map((k) => k.name)
    expect(names).toContain(RELU_GRAD)
    expect(names).not.toContain('Step')
    x.dispose()
  })

  it("leaves tfjs's gradient to other backends", async () => {
    await tf.setBackend('cpu')
    const profile = await tf.profile(() =>
      tf.tidy(() => tf.grad((input: tf.Tensor) => tf.relu(input).sum())(tf.tensor1d([-1, 2])))
    )
    expect(profile.kernels.map((k) => k.name)).toContain('Step')
    await tf.setBackend('wasm')
  })

  it("gives ReLU's gradient and its channel sums in one pass, the sums exactly those of the Sum kernel", () => {
    // Large enough for the Sum kernel's own single pass (float64 totals, as this kernel keeps them).
    const shape = [8, 9, 9, 12]
    const x = tf.randomUniform(shape, -1, 1, 'float32', 5)
    const dy = tf.randomUniform(shape, -3, 3, 'float32', 6)
    const [dx, sums] = tf.engine().runKernel(RELU_GRAD_SUMS, { dy, x }) as [tf.Tensor, tf.Tensor]
    const alone = tf.engine().runKernel(RELU_GRAD, { dy, x }) as tf.Tensor
    const summed = tf.sum(alone, [0, 1, 2])
    expect(dx.shape).toEqual(shape)
    expect(sums.shape).toEqual([12])
    expect(Array.from(dx.dataSync())).toEqual(Array.from(alone.dataSync()))
    expect(Array.from(sums.dataSync())).toEqual(Array.from(summed.dataSync()))
    expect(() => tf.engine().runKernel(RELU_GRAD_SUMS, { dy: tf.ones([2, 3]), x: tf.ones([2, 3]) })).toThrow(
      'needs a last axis of a multiple of 4 values'
    )
    tf.dispose([x, dy, dx, sums, alone, summed])
  })
})
