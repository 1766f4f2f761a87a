import os from 'node:os'
import { loadNativeRuntime, type NativeRuntimeLoad } from './native/onnxRuntimeSync'

/**
 * Without native kernels two wasm threads train the lecture network about 1.3–1.8× faster than
 * one on a 2-core machine. With them one is faster (481 against 397 images/s at batch 128): the
 * heavy products then run on onnxruntime's threads, and threaded wasm memory is shared memory,
 * which onnxruntime cannot read in place.
 */
const DEFAULT_WASM_THREADS = 2

/**
 * wasm threads for training: CNN_WORKBENCH_WASM_THREADS when set (1 turns threads off); otherwise
 * one when onnxruntime's kernels do the heavy work, else two (one on a single core, where a second
 * thread only competes with the first).
 */
export function wasmThreadsSetting(env: NodeJS.ProcessEnv = process.env, nativeKernels = false): number {
  const raw = env.CNN_WORKBENCH_WASM_THREADS
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw)
    return Number.isInteger(n) && n > 1 ? n : 1
  }
  return nativeKernels ? 1 : Math.min(DEFAULT_WASM_THREADS, os.availableParallelism())
}

/** onnxruntime's kernels behind wasm's convolutions and products, unless CNN_WORKBENCH_NATIVE_KERNELS=0. */
export function nativeKernelsSetting(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env.CNN_WORKBENCH_NATIVE_KERNELS ?? '').trim().toLowerCase()
  return !['0', 'off', 'false', 'no'].includes(raw)
}

let native: NativeRuntimeLoad | null = null

/** onnxruntime loaded once per thread, with one pool thread per core (a handful at most). */
export function nativeRuntimeOnce(): NativeRuntimeLoad {
  native ??= loadNativeRuntime(Math.min(8, os.availableParallelism()))
  return native
}
