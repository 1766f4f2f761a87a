import * as tf from '@tensorflow/tfjs'
import { simdKernelsOf } from './simd/simdKernels'
import { wasmHeap } from './libraryInternals'

/** A kernel of this app's own: one Adam step of one variable, in one pass (see FusedAdamOptimizer). */
export const ADAM_UPDATE = 'CnnWorkbenchAdamUpdate'

export interface AdamUpdateAttrs {
  learningRate: number
  beta1: number
  beta2: number
  epsilon: number
  /** 1 − β₁ᵗ and 1 − β₂ᵗ, the bias corrections of this step. */
  correction1: number
  correction2: number
}

/** Whether the active backend runs ADAM_UPDATE (wasm, with the SIMD module instantiated on its memory). */
export function adamUpdateAvailable(): boolean {
  return tf.getKernel(ADAM_UPDATE, tf.getBackend()) !== undefined && simdKernelsOf(tf.backend()) !== null
}

/**
 * tfjs's AdamOptimizer spends about fourteen elementwise kernels per variable, each a pass over memory
 * and a new tensor: about 23 ms a step for the lecture network's 3136×1024 dense weights on wasm. This
 * is one pass of wasm SIMD (simd/simdKernelsWat.ts) with the same float32 operations in the same order.
 * Inputs are read in place; the three outputs are new tensors, so tfjs's variables stay immutable (a
 * model's weights may share their memory with clones).
 */
export const adamUpdateWasmConfig: tf.KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { value, gradient, m, v } = inputs
    if (value === undefined || gradient === undefined || m === undefined || v === undefined) {
      throw new Error(`${ADAM_UPDATE} needs the inputs value, gradient, m and v.`)
    }
    const simd = simdKernelsOf(backend)
    if (simd === null) throw new Error(`${ADAM_UPDATE}: the SIMD module cannot run on this wasm memory.`)
    const a = attrs as unknown as AdamUpdateAttrs
    const heap = wasmHeap(backend)
    const outputs = [value, m, v].map((t) => heap.makeOutput(t.shape, 'float32'))
    const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
    const [wOut, mOut, vOut] = outputs as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo]
    simd.adamUpdate(
      at(value),
      at(gradient),
      at(m),
      at(v),
      at(wOut),
      at(mOut),
      at(vOut),
      tf.util.sizeFromShape(value.shape),
      a.beta1,
      1 - a.beta1,
      a.beta2,
      1 - a.beta2,
      a.correction1,
      a.correction2,
      a.epsilon,
      -a.learningRate
    )
    return outputs
  }
}
