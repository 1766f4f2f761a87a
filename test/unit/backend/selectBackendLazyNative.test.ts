import * as tf from '@tensorflow/tfjs'
import { afterEach, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import type { NativeRuntimeLoad } from '../../../src/main/engine/backend/native/onnxRuntimeSync'

const unavailable: NativeRuntimeLoad = { ok: false, reason: 'onnxruntime-node: not loaded in this test' }

function countingLoad(): { load: () => NativeRuntimeLoad; calls: () => number } {
  let calls = 0
  return {
    load: () => {
      calls++
      return unavailable
    },
    calls: () => calls
  }
}

/** tfjs-node cannot load here: tfjs's own cpu backend, registered under its name, stands in. */
async function cpuAsTfjsNode(): Promise<void> {
  const cpu = tf.findBackendFactory('cpu')
  if (cpu === null) throw new Error('tfjs registered no cpu backend')
  tf.registerBackend('tensorflow', cpu)
  for (const kernel of tf.getKernelsForBackend('cpu'))
    tf.registerKernel({ ...kernel, backendName: 'tensorflow' })
}

afterEach(() => {
  if (tf.findBackendFactory('tensorflow') === null) return
  for (const kernel of tf.getKernelsForBackend('tensorflow'))
    tf.unregisterKernel(kernel.kernelName, 'tensorflow')
  tf.removeBackend('tensorflow')
})

it('does not load onnxruntime when a backend before wasm wins', async () => {
  const native = countingLoad()
  const choice = await selectBackend({ native: native.load, loaders: { 'tfjs-node': cpuAsTfjsNode } })

  expect(choice.name).toBe('tfjs-node')
  expect(native.calls()).toBe(0)
  expect(choice.nativeKernelsUnavailable).toBeUndefined()
})

it('loads onnxruntime once wasm is tried, and sizes wasm threads by whether it loaded', async () => {
  const native = countingLoad()
  const asked: boolean[] = []
  const choice = await selectBackend({
    native: native.load,
    wasmThreads: (nativeKernels) => {
      asked.push(nativeKernels)
      return 1
    }
  })

  expect(choice.name).toBe('wasm')
  expect(native.calls()).toBe(1)
  expect(asked).toContain(false)
  expect(choice.nativeKernelsUnavailable).toBe('onnxruntime-node: not loaded in this test')
})
