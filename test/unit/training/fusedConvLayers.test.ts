import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadNativeRuntime } from '../../../src/main/engine/backend/native/onnxRuntimeSync'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { fuseConvLayersForTraining } from '../../../src/main/engine/training/fusedConvLayers'

beforeAll(async () => {
  const choice = await selectBackend({ force: 'wasm', native: loadNativeRuntime(2) })
  expect(choice.nativeKernels?.fusedConvTraining).toBe(true)
})

const seeded = (seed: number): ReturnType<typeof tf.initializers.glorotUniform> =>
  tf.initializers.glorotUniform({ seed })

/** Two layers that can be fused (same and valid padding, strides 1 and 2) and two that cannot. */
function network(): tf.Sequential {
  const conv = (config: Parameters<typeof tf.layers.conv2d>[0], seed: number): tf.layers.Layer =>
    tf.layers.conv2d({ ...config, kernelInitializer: seeded(seed), biasInitializer: 'randomNormal' })
  return tf.sequential({
    layers: [
      conv({ inputShape: [12, 12, 1], filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' }, 1),
      conv({ filters: 16, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' }, 2),
      conv({ filters: 8, kernelSize: 3, padding: 'same', activation: 'sigmoid' }, 3),
      conv({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', useBias: false }, 4),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: seeded(5) })
    ]
  })
}

/** The loss of a batch and its gradient for every weight, in training mode. */
function lossAndGradients(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor
): { loss: number; grads: Float32Array[] } {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable)
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    variables
  )
  const result = {
    loss: value.dataSync()[0] ?? NaN,
    grads: variables.map((v) => grads[v.name]?.dataSync() as Float32Array)
  }
  tf.dispose([value, ...Object.values(grads)])
  return result
}

const relativeError = (got: Float32Array, want: Float32Array): number => {
  let diff = 0
  let scale = 0
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs((got[i] ?? NaN) - (want[i] ?? NaN)))
    scale = Math.max(scale, Math.abs(want[i] ?? 0))
  }
  return diff / scale
}

describe('convolutions with a ReLU trained as one fused kernel', () => {
  it('gives the loss and every gradient of the separate ops, and runs one kernel per fused layer', async () => {
    const plain = network()
    const fused = network()
    fused.setWeights(plain.getWeights())
    expect(fuseConvLayersForTraining(fused)).toBe(2)
    const x = tf.randomUniform([6, 12, 12, 1], 0, 1, 'float32', 11)
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3)

    const want = lossAndGradients(plain, x, y)
    const got = lossAndGradients(fused, x, y)
    expect(got.loss).toBeCloseTo(want.loss, 5)
    expect(got.grads).toHaveLength(want.grads.length)
    got.grads.forEach((g, i) => expect(relativeError(g, want.grads[i] as Float32Array)).toBeLessThan(1e-5))

    const kernelsOf = async (model: tf.LayersModel): Promise<string[]> =>
      (await tf.profile(() => tf.dispose(lossAndGradients(model, x, y).grads))).kernels.map((k) => k.name)
    const count = (names: string[], name: string): number => names.filter((n) => n === name).length
    const plainKernels = await kernelsOf(plain)
    const fusedKernels = await kernelsOf(fused)
    // tfjs fuses the sigmoid layer's bias by itself (its activation then follows apart), in both models.
    expect(count(fusedKernels, 'FusedConv2D')).toBe(count(plainKernels, 'FusedConv2D') + 2)
    // The unfused ReLU layer keeps its own; the two fused ones no longer run a Relu or add their bias apart.
    expect(count(fusedKernels, 'Relu')).toBe(count(plainKernels, 'Relu') - 2)
    expect(count(fusedKernels, 'Add')).toBeLessThan(count(plainKernels, 'Add'))
    tf.dispose([x, y])
    plain.dispose()
    fused.dispose()
  })

  it('changes nothing a file or a prediction can see, and leaves no tensor behind', () => {
    const plain = network()
    const fused = network()
    fused.setWeights(plain.getWeights())
    fuseConvLayersForTraining(fused)
    // Layer names are numbered per model; everything else must be identical.
    const config = (m: tf.LayersModel): string =>
      JSON.stringify(m.toJSON(null, false)).replace(/"name":"[^"]*"/g, '"name":…')
    expect(config(fused)).toBe(config(plain))
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 12)
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3))
    const want = tf.tidy(() => (plain.predict(x) as tf.Tensor).dataSync() as Float32Array)
    const before = tf.memory().numTensors
    const got = tf.tidy(() => (fused.predict(x) as tf.Tensor).dataSync() as Float32Array)
    expect(relativeError(got, want)).toBeLessThan(1e-5)
    lossAndGradients(fused, x, y)
    expect(tf.memory().numTensors).toBe(before)
    tf.dispose([x, y])
    plain.dispose()
    fused.dispose()
  })
})
