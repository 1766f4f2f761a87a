import * as tf from '@tensorflow/tfjs'

/** Thread count and SIMD use of the initialised wasm backend, for the backend choice report. */
export async function describeWasmRuntime(): Promise<{ threads: number; simd: boolean }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true
  return { threads: wasm.getThreadsCount(), simd }
}
