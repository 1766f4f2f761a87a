import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { INTERNALS_NEEDED } from '../../../src/main/engine/backend/internalsChecklist'
import { activeKernelLayers } from '../../../src/main/engine/backend/kernelLayers'
import {
  adamStateProblem,
  CHECKED_VERSIONS,
  installedVersions
} from '../../../src/main/engine/backend/libraryInternals'
import { loadNativeRuntime } from '../../../src/main/engine/backend/native/onnxRuntimeSync'
import { describeBackendChoice, selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { ADAM_UPDATE } from '../../../src/main/engine/backend/wasmAdamUpdate'
import { RELU_GRAD, RELU_GRAD_SUMS } from '../../../src/main/engine/backend/wasmReluGrad'
import { FusedAdamOptimizer } from '../../../src/main/engine/training/fusedAdam'
import { fuseConvLayersForTraining } from '../../../src/main/engine/training/fusedConvLayers'

/**
 * The fast CPU path must be the one that runs here, not a fallback: after an upgrade of tfjs or
 * onnxruntime, or on a machine where a replacement stops matching tfjs's cpu backend, this test fails and
 * names what is missing (libraryInternals.ts lists what each replacement relies on).
 */
const EXPECTED: Array<[string, string]> = [
  ['Conv2D', 'onnxruntime'],
  ['FusedConv2D', 'onnxruntime'],
  ['Conv2DBackpropInput', 'onnxruntime'],
  ['Conv2DBackpropFilter', 'onnxruntime'],
  ['BatchMatMul', 'onnxruntime'],
  ['_FusedMatMul', 'onnxruntime'],
  ['Sum', 'onnxruntime'],
  ['MaxPoolGrad', 'wasm SIMD'],
  ['Identity', 'shared memory'],
  ['Add', 'wasm SIMD'],
  [ADAM_UPDATE, 'wasm SIMD'],
  [RELU_GRAD, 'wasm SIMD'],
  [RELU_GRAD_SUMS, 'wasm SIMD']
]

it('runs every replaced kernel on this machine, each matching tfjs cpu backend, on the checked library versions', async () => {
  const choice = await selectBackend({ force: 'wasm', native: loadNativeRuntime(2) })

  expect(await installedVersions()).toEqual(CHECKED_VERSIONS)
  expect(choice.internals?.mismatches).toEqual([])
  expect(choice.internals?.missing).toEqual([])
  expect(choice.internals?.needed).toBe(INTERNALS_NEEDED.length)
  const failed = (choice.kernels ?? []).filter((k) => k.problem !== null)
  expect(failed.map((k) => `${k.name} on ${k.by}: ${k.problem}`)).toEqual([])
  expect(choice.nativeKernelsUnavailable).toBeUndefined()
  expect(choice.simdKernelsUnavailable).toBeUndefined()
  const active = activeKernelLayers().map((l) => [l.kernelName, l.by])
  expect(active).toEqual(expect.arrayContaining(EXPECTED))
  // onnxruntime's blocked convolutions (AVX-512 or AVX2 on this machine).
  expect([8, 16]).toContain(choice.nativeKernels?.nchwcBlock)
  // Convolution layers with a ReLU train as one kernel (tfjs-layers' internals found).
  expect(choice.nativeKernels?.fusedConvTraining).toBe(true)
  expect(describeBackendChoice(choice)).toContain('convolutions with a ReLU trained as one kernel')
  expect(adamStateProblem(new tf.AdamOptimizer(0.01, 0.9, 0.999))).toBeNull()
})

it("trains through the app's own kernels: the convolution with its ReLU, ReLU's gradient and Adam's update in one kernel each", async () => {
  await selectBackend({ force: 'wasm', native: loadNativeRuntime(2) })
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(),
      // A dense ReLU keeps ReLU's own gradient kernel in use.
      tf.layers.dense({ units: 8, activation: 'relu' }),
      tf.layers.dense({ units: 2 })
    ]
  })
  expect(fuseConvLayersForTraining(model)).toBe(1)
  const optimizer = new FusedAdamOptimizer(0.01, 0.9, 0.999)
  const x = tf.randomUniform([3, 6, 6, 1], -1, 1, 'float32', 1)
  const y = tf.tensor2d([1, 0, 0, 1, 1, 0], [3, 2])
  const step = (): void => {
    optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar)
  }
  step()
  const profile = await tf.profile(step)
  const kernels = new Set(profile.kernels.map((k) => k.name))
  expect(kernels).toContain(RELU_GRAD)
  expect(kernels).toContain(ADAM_UPDATE)
  expect(kernels).toContain('FusedConv2D')
  // The fused layer's ReLU gradient and bias gradient come from one pass.
  expect(kernels).toContain(RELU_GRAD_SUMS)
  // Only the dense layer's ReLU runs apart; the convolution's is inside FusedConv2D.
  expect(profile.kernels.filter((k) => k.name === 'Relu')).toHaveLength(1)
  // tfjs's own ReLU gradient and Adam would show these.
  expect(kernels).not.toContain('Step')
  expect(kernels).not.toContain('Sqrt')
  tf.dispose([x, y])
  model.dispose()
  optimizer.dispose()
})
