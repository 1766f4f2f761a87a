import * as tf from '@tensorflow/tfjs'
import type { KernelFunc } from '../wasmKernelCalls'
import {
  makeNativeConv2D,
  makeNativeConv2DBackpropFilter,
  makeNativeConv2DBackpropInput
} from './nativeConvKernels'
import type { NativeKernelOptions } from './nativeHeapRun'
import { makeNativeBatchMatMul, makeNativeSum } from './nativeProductKernels'
import type { NativeRuntime } from './onnxRuntimeSync'

type MakeKernel = (fallback: KernelFunc, runtime: NativeRuntime, opts: NativeKernelOptions) => KernelFunc

const KERNELS: ReadonlyArray<[string, MakeKernel]> = [
  ['Conv2D', makeNativeConv2D],
  ['FusedConv2D', makeNativeConv2D],
  ['Conv2DBackpropInput', makeNativeConv2DBackpropInput],
  ['Conv2DBackpropFilter', makeNativeConv2DBackpropFilter],
  ['BatchMatMul', makeNativeBatchMatMul],
  ['_FusedMatMul', makeNativeBatchMatMul],
  ['Sum', makeNativeSum]
]

/**
 * Below about a million multiply-adds wasm is as fast: an onnxruntime run costs some tens of
 * microseconds and its threads have to wake up.
 */
export const DEFAULT_MIN_MULTIPLY_ADDS = 1 << 20

let registered: NativeRuntime | null = null

/**
 * Puts onnxruntime's kernels in front of the wasm backend's convolutions and matrix products.
 * The kernels they replace (registerWasmKernels' compositions included) remain the fallback for
 * the cases listed in nativeConvKernels and nativeProductKernels, so call this after registerWasmKernels. Once per thread.
 *
 * `check` runs with every product sent to onnxruntime however small (so a tiny self-check
 * exercises it); when it throws, wasm's own kernels are put back and the error is rethrown.
 */
export function registerNativeKernels(
  runtime: NativeRuntime,
  opts: { minMultiplyAdds?: number; check?: () => void } = {}
): void {
  if (registered !== null) return
  const options: NativeKernelOptions = { minMultiplyAdds: 0 }
  const replaced: tf.KernelConfig[] = []
  for (const [name, make] of KERNELS) {
    const current = tf.getKernel(name, 'wasm')
    if (current === undefined)
      throw new Error(`The wasm backend has no '${name}' kernel to put onnxruntime in front of.`)
    replaced.push(current)
    tf.unregisterKernel(name, 'wasm')
    tf.registerKernel({ ...current, kernelFunc: make(current.kernelFunc, runtime, options) })
  }
  try {
    opts.check?.()
  } catch (err) {
    for (const config of replaced) {
      tf.unregisterKernel(config.kernelName, 'wasm')
      tf.registerKernel(config)
    }
    throw err
  }
  options.minMultiplyAdds = opts.minMultiplyAdds ?? DEFAULT_MIN_MULTIPLY_ADDS
  registered = runtime
}

/** The runtime behind the wasm kernels, or null when they are wasm's own. */
export function nativeKernelRuntime(): NativeRuntime | null {
  return registered
}
