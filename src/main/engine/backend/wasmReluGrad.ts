import * as tf from '@tensorflow/tfjs'
import { simdKernelsOf } from './simd/simdKernels'
import { wasmHeap } from './libraryInternals'

/** A kernel of this app's own: ReLU's gradient dy · step(x) in one pass (see registerReluGradient). */
export const RELU_GRAD = 'CnnWorkbenchReluGrad'

/**
 * tfjs computes ReLU's gradient as Step, Cast and Multiply: three passes and two temporary tensors, about
 * 20 ms of a batch-128 step of the lecture network on wasm. This is one pass of wasm SIMD giving the same
 * values (simd/simdKernelsWat.ts).
 */
export const reluGradWasmConfig: tf.KernelConfig = {
  kernelName: RELU_GRAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const { dy, x } = inputs
    if (dy === undefined || x === undefined) throw new Error(`${RELU_GRAD} needs the inputs dy and x.`)
    const simd = simdKernelsOf(backend)
    if (simd === null) throw new Error(`${RELU_GRAD}: the SIMD module cannot run on this wasm memory.`)
    const heap = wasmHeap(backend)
    const dx = heap.makeOutput(x.shape, 'float32')
    const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
    simd.reluGrad(at(dy), at(x), at(dx), tf.util.sizeFromShape(x.shape))
    return dx
  }
}

/**
 * A kernel of this app's own: ReLU's gradient and its sums over every axis but the last (channels, a
 * multiple of 4) in one pass, as [dx, sums]: a conv layer's pre-activation gradient and its bias gradient,
 * for the fused convolution's gradient (fusedConvGradient.ts). Separately they are two passes over the
 * layer's output, the second only to read it again (3 ms of a batch-128 step for the lecture's conv1).
 */
export const RELU_GRAD_SUMS = 'CnnWorkbenchReluGradSums'

export const reluGradSumsWasmConfig: tf.KernelConfig = {
  kernelName: RELU_GRAD_SUMS,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const { dy, x } = inputs
    if (dy === undefined || x === undefined) throw new Error(`${RELU_GRAD_SUMS} needs the inputs dy and x.`)
    const cols = x.shape.at(-1) ?? 0
    if (cols % 4 !== 0 || x.shape.length < 2) {
      throw new Error(`${RELU_GRAD_SUMS} needs a last axis of a multiple of 4 values, not ${x.shape}.`)
    }
    const simd = simdKernelsOf(backend)
    if (simd === null) throw new Error(`${RELU_GRAD_SUMS}: the SIMD module cannot run on this wasm memory.`)
    const heap = wasmHeap(backend)
    const dx = heap.makeOutput(x.shape, 'float32')
    const sums = heap.makeOutput([cols], 'float32')
    // Float64 running totals, as the column sums of the Sum kernel keep them.
    const totals = heap.makeOutput([cols * 2], 'float32')
    const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
    try {
      const rows = tf.util.sizeFromShape(x.shape) / cols
      simd.reluGradColumnSums(at(dy), at(x), at(dx), rows, cols, at(totals), at(sums))
    } finally {
      heap.disposeData(totals.dataId)
    }
    return [dx, sums]
  }
}

/**
 * Puts RELU_GRAD behind ReLU's gradient where the active backend has it (wasm with the SIMD module) and the
 * tensors are float32; elsewhere (tfjs-node, cpu) the gradient is tfjs's own, computed the same way.
 * Gradients are global to tfjs, so this is registered once, with tfjs's own kept as the fallback.
 */
export function registerReluGradient(): void {
  const stock = tf.getGradient('Relu')
  if (stock === undefined) throw new Error("tfjs has no gradient for 'Relu' to put a faster one in front of.")
  tf.registerGradient({
    ...stock,
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved
      const backend = tf.engine().backendName
      const fused =
        x !== undefined &&
        !Array.isArray(dy) &&
        dy.dtype === 'float32' &&
        x.dtype === 'float32' &&
        tf.getKernel(RELU_GRAD, backend) !== undefined &&
        simdKernelsOf(tf.backend()) !== null
      if (!fused) return stock.gradFunc(dy, saved, attrs)
      return { x: () => tf.engine().runKernel(RELU_GRAD, { dy, x }) as tf.Tensor }
    }
  })
}
