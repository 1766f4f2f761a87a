import * as tf from '@tensorflow/tfjs'
import { addKernelLayer, type KernelLayer } from './kernelLayers'
import { checkKernelLayers } from './kernelSelfCheck'
import type { InternalsLibrary } from './libraryInternals'
import { adamUpdateWasmConfig, ADAM_UPDATE } from './wasmAdamUpdate'
import { conv2DBackpropFilterWasmConfig } from './wasmConv2DBackpropFilter'
import { makeAddBiasWasm } from './wasmAddBias'
import { makeBatchMatMulWasm } from './wasmBatchMatMul'
import { makeConv2DBackpropInputWasm } from './wasmConv2DBackpropInput'
import { makeIdentityWasm } from './wasmIdentity'
import { makeMaxPoolGradWasm } from './wasmMaxPoolGrad'
import {
  registerReluGradient,
  reluGradSumsWasmConfig,
  reluGradWasmConfig,
  RELU_GRAD,
  RELU_GRAD_SUMS
} from './wasmReluGrad'
import { makeSumWasm } from './wasmSum'
import type { KernelFunc } from './wasmKernelCalls'

const WASM_HEAP: readonly InternalsLibrary[] = ['@tensorflow/tfjs-backend-wasm']
/** Adam's kernel is only called by FusedAdamOptimizer, which reads tfjs's private optimizer state. */
const ADAM_STATE: readonly InternalsLibrary[] = [...WASM_HEAP, '@tensorflow/tfjs-core']

let layers: KernelLayer[] | null = null

/** A replacement of a stock kernel, which it falls back to. */
function over(make: (stock: KernelFunc) => KernelFunc): (below: KernelFunc | undefined) => KernelFunc {
  return (below) => {
    if (below === undefined) throw new Error('There is no stock kernel to fall back to.')
    return make(below)
  }
}

/**
 * Makes the wasm backend able to train conv nets, and faster at it: adds the missing
 * Conv2DBackpropFilter and moves transposed matMuls and Conv2DBackpropInput onto XNNPACK (compositions of
 * public kernels); non-overlapping max-pool gradients, bias-gradient sums, ReLU's gradient and Adam's update
 * and conv bias additions onto single passes in the backend's heap; and makes Identity a reference instead
 * of a copy. Each is
 * checked against tfjs's cpu backend and dropped if it differs. Kernels needing the internals of a library
 * in `skip` (one whose version was not checked) are left out. Once per thread; later calls return the
 * same layers. Call with the wasm backend initialised.
 */
export function registerWasmKernels(skip: ReadonlySet<InternalsLibrary> = new Set()): KernelLayer[] {
  if (layers !== null) return layers
  const added: KernelLayer[] = []
  const add = (
    name: string,
    by: string,
    needs: readonly InternalsLibrary[],
    make: (below: KernelFunc | undefined) => KernelFunc
  ): void => {
    if (needs.every((n) => !skip.has(n))) added.push(addKernelLayer(name, by, needs, make))
  }
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') === undefined) {
    add(
      'Conv2DBackpropFilter',
      'wasm kernels (composition)',
      [],
      () => conv2DBackpropFilterWasmConfig.kernelFunc
    )
  }
  add('BatchMatMul', 'XNNPACK (composition)', [], over(makeBatchMatMulWasm))
  add('Conv2DBackpropInput', 'XNNPACK (composition)', [], over(makeConv2DBackpropInputWasm))
  add('MaxPoolGrad', 'wasm SIMD', WASM_HEAP, over(makeMaxPoolGradWasm))
  add('Sum', 'wasm SIMD', WASM_HEAP, over(makeSumWasm))
  add('Identity', 'shared memory', WASM_HEAP, over(makeIdentityWasm))
  add('Add', 'wasm SIMD', WASM_HEAP, over(makeAddBiasWasm))
  add(ADAM_UPDATE, 'wasm SIMD', ADAM_STATE, () => adamUpdateWasmConfig.kernelFunc)
  add(RELU_GRAD, 'wasm SIMD', WASM_HEAP, () => reluGradWasmConfig.kernelFunc)
  add(RELU_GRAD_SUMS, 'wasm SIMD', WASM_HEAP, () => reluGradSumsWasmConfig.kernelFunc)
  checkKernelLayers(added)
  if (tf.getKernel(RELU_GRAD, 'wasm') !== undefined) registerReluGradient()
  layers = added
  return added
}
