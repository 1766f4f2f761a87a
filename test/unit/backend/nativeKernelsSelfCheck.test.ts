import * as tf from '@tensorflow/tfjs'
import { createRequire } from 'node:module'
import type { TensorConstructor } from 'onnxruntime-common'
import { expect, it } from 'vitest'
import { describeBackendChoice, selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { NativeRuntime } from '../../../src/main/engine/backend/native/onnxRuntimeSync'
import { nativeKernelRuntime } from '../../../src/main/engine/backend/native/registerNativeKernels'

const require = createRequire(import.meta.url)
const { Tensor } = createRequire(require.resolve('onnxruntime-node'))('onnxruntime-common') as {
  Tensor: TensorConstructor
}

// A native library that loads and runs but computes nothing (a broken or mismatched build):
// every output is left as it was allocated.
const silentBinding = {
  binding: {
    InferenceSession: class {
      loadModel(): void {}
      run(): Record<string, never> {
        return {}
      }
      dispose(): void {}
    }
  },
  initOrt: () => {}
}

it("keeps wasm's own kernels when onnxruntime's fail the self-check, and says so", async () => {
  const broken = new NativeRuntime({ InferenceSession: silentBinding.binding.InferenceSession, Tensor }, 1)

  const choice = await selectBackend({ force: 'wasm', native: { ok: true, runtime: broken } })

  expect(choice.name).toBe('wasm')
  expect(choice.nativeKernels).toBeUndefined()
  expect(choice.nativeKernelsUnavailable).toBe(
    "onnxruntime's kernels differ from tfjs's cpu backend on this machine; wasm's own are used"
  )
  // Each of them is named with what was wrong, and none is in use.
  const native = choice.kernels?.filter((k) => k.by === 'onnxruntime') ?? []
  expect(native.map((k) => k.name)).toEqual([
    'Conv2D',
    'FusedConv2D',
    'Conv2DBackpropInput',
    'Conv2DBackpropFilter',
    'BatchMatMul',
    '_FusedMatMul',
    'Sum'
  ])
  expect(native.every((k) => /^differs from tfjs's cpu backend on \[/.test(k.problem ?? ''))).toBe(true)
  const line = describeBackendChoice(choice)
  expect(line).toContain("onnxruntime's kernels differ from tfjs's cpu backend")
  expect(line).toMatch(
    /Conv2D on onnxruntime differs from tfjs's cpu backend on \[\[2,7,7,16\],\[3,3,16,16\]\] \(relative error [\d.e+-]+\), so it is not used/
  )
  expect(nativeKernelRuntime()).toBeNull()
  // wasm's own kernels are back: a convolution large enough for onnxruntime is right.
  const x = tf.ones([1, 32, 32, 8]) as tf.Tensor4D
  const w = tf.ones([3, 3, 8, 8]) as tf.Tensor4D
  const y = tf.conv2d(x, w, 1, 'valid')
  expect(Array.from(y.dataSync()).every((v) => v === 72)).toBe(true)
})
