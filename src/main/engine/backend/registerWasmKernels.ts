import * as tf from '@tensorflow/tfjs'
import { conv2DBackpropFilterWasmConfig } from './wasmConv2DBackpropFilter'
import { makeBatchMatMulWasm } from './wasmBatchMatMul'
import { makeConv2DBackpropInputWasm } from './wasmConv2DBackpropInput'
import { wasmKernelFunc } from './wasmKernelCalls'

let registered = false

/** Replaces a stock wasm kernel, keeping the stock one for the cases the replacement hands back. */
function override(name: string, make: typeof makeBatchMatMulWasm): void {
  const stock = wasmKernelFunc(name)
  tf.unregisterKernel(name, 'wasm')
  tf.registerKernel({ kernelName: name, backendName: 'wasm', kernelFunc: make(stock) })
}

/**
 * Makes the wasm backend able to train conv nets, and faster at it: adds the missing
 * Conv2DBackpropFilter and moves transposed matMuls and Conv2DBackpropInput onto XNNPACK.
 * Safe to call more than once; kernels are global to the process, so this affects every
 * later use of 'wasm'.
 */
export function registerWasmKernels(): void {
  if (registered) return
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) {
    tf.registerKernel(conv2DBackpropFilterWasmConfig)
  }
  override('BatchMatMul', makeBatchMatMulWasm)
  override('Conv2DBackpropInput', makeConv2DBackpropInputWasm)
  registered = true
}
