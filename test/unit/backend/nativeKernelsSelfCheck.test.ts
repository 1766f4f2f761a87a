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
  const broken = new NativeRuntime(silentBinding, Tensor, 1)

  const choice = await selectBackend({ force: 'wasm', native: { ok: true, runtime: broken } })

  expect(choice.name).toBe('wasm')
  expect(choice.nativeKernels).toBeUndefined()
  expect(choice.nativeKernelsUnavailable).toMatch(
    /^onnxruntime's kernels failed the self-check \(.*2×2 matMul/
  )
  expect(describeBackendChoice(choice)).toContain("onnxruntime's kernels failed the self-check")
  expect(nativeKernelRuntime()).toBeNull()
  // wasm's own kernels are back: a convolution large enough for onnxruntime is right.
  const x = tf.ones([1, 32, 32, 8]) as tf.Tensor4D
  const w = tf.ones([3, 3, 8, 8]) as tf.Tensor4D
  const y = tf.conv2d(x, w, 1, 'valid')
  expect(Array.from(y.dataSync()).every((v) => v === 72)).toBe(true)
})
