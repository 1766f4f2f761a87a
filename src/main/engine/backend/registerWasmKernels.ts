import * as tf from '@tensorflow/tfjs'
import { adamUpdateWasmConfig, ADAM_UPDATE } from './wasmAdamUpdate'
import { conv2DBackpropFilterWasmConfig } from './wasmConv2DBackpropFilter'
import { makeBatchMatMulWasm } from './wasmBatchMatMul'
import { makeConv2DBackpropInputWasm } from './wasmConv2DBackpropInput'
import { makeIdentityWasm } from './wasmIdentity'
import { makeMaxPoolGradWasm } from './wasmMaxPoolGrad'
import { registerReluGradient, reluGradWasmConfig, RELU_GRAD } from './wasmReluGrad'
import { makeSumWasm } from './wasmSum'

let registered = false

/**
 * Replaces a stock wasm kernel, keeping the stock one for the cases the replacement hands back.
 * The stock setupFunc stays on the config: it binds the C++ entry point when the backend
 * initialises, so the replacement also works when registered before `tf.setBackend('wasm')`.
 */
function override(name: string, make: typeof makeBatchMatMulWasm): void {
  const stock = tf.getKernel(name, 'wasm')
  if (stock === undefined) throw new Error(`The wasm backend has no '${name}' kernel to replace.`)
  tf.unregisterKernel(name, 'wasm')
  tf.registerKernel({ ...stock, kernelFunc: make(stock.kernelFunc) })
}

/**
 * Makes the wasm backend able to train conv nets, and faster at it: adds the missing
 * Conv2DBackpropFilter and moves transposed matMuls and Conv2DBackpropInput onto XNNPACK and
 * non-overlapping max-pool gradients, bias-gradient sums and Adam's update onto single passes, and
 * makes Identity a reference instead of a copy.
 * Safe to call more than once; kernels are global to the process, so this affects every
 * later use of 'wasm'.
 */
export function registerWasmKernels(): void {
  if (registered) return
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) {
    tf.registerKernel(conv2DBackpropFilterWasmConfig)
  }
  if (tf.getKernel(ADAM_UPDATE, 'wasm') === undefined) tf.registerKernel(adamUpdateWasmConfig)
  if (tf.getKernel(RELU_GRAD, 'wasm') === undefined) tf.registerKernel(reluGradWasmConfig)
  registerReluGradient()
  override('BatchMatMul', makeBatchMatMulWasm)
  override('Conv2DBackpropInput', makeConv2DBackpropInputWasm)
  override('MaxPoolGrad', makeMaxPoolGradWasm)
  override('Sum', makeSumWasm)
  override('Identity', makeIdentityWasm)
  registered = true
}
