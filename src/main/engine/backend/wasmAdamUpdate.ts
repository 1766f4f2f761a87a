import * as tf from '@tensorflow/tfjs'
import type { WasmHeapBackend } from './wasmKernelCalls'

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

/**
 * The same arithmetic as tfjs's AdamOptimizer, which spends about fourteen elementwise kernels (each a
 * pass over memory and a new tensor) per variable: about 25 ms a step for the lecture network's
 * 3136×1024 dense weights on wasm, where this pass takes a few. Inputs are read in place from the wasm
 * heap; the three outputs are new tensors, so tfjs's variables stay immutable.
 */
export const adamUpdateWasmConfig: tf.KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { value, gradient, m, v } = inputs
    if (value === undefined || gradient === undefined || m === undefined || v === undefined) {
      throw new Error(`${ADAM_UPDATE} needs the inputs value, gradient, m and v.`)
    }
    const a = attrs as unknown as AdamUpdateAttrs
    const heap = backend as WasmHeapBackend
    const outputs = [value, m, v].map((t) => heap.makeOutput(t.shape, 'float32'))
    // Views are taken after the allocations: growing the heap replaces its buffer.
    const [w, g, m0, v0, w1, m1, v1] = [value, gradient, m, v, ...outputs].map(
      (t) => heap.typedArrayFromHeap(t) as Float32Array
    ) as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array]
    const { beta1, beta2, epsilon, correction1, correction2 } = a
    const step = -a.learningRate
    for (let i = 0; i < w.length; i++) {
      const grad = g[i] as number
      const first = (m0[i] as number) * beta1 + grad * (1 - beta1)
      const second = (v0[i] as number) * beta2 + grad * grad * (1 - beta2)
      m1[i] = first
      v1[i] = second
      w1[i] = (first / correction1 / (Math.sqrt(second / correction2) + epsilon)) * step + (w[i] as number)
    }
    return outputs
  }
}
