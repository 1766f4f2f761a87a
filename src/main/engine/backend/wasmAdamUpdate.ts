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
 * Where the new m or v is written: over the input itself when no other tensor shares its memory, else a
 * new tensor. The caller assigns each output to the moment it came from (FusedAdamOptimizer), so a
 * moment alone on its memory sees no difference, and one that shares it (a checkpoint's clone) is left as
 * it was. That spares the cache misses of two fresh 12.8 MB outputs for the lecture network's dense
 * layer: a median of 5.5 and 7.0 against 6.2 and 7.8 ms a step, in two runs alternating the two.
 * The weights themselves always get a new tensor: XNNPACK's products and convolutions keep a packed copy
 * of their weights under the tensor's memory, and would go on using it if the values changed where they
 * are (the trainer's tests then stop learning).
 */
function momentOutput(backend: tf.KernelBackend, moment: tf.TensorInfo, inPlace: boolean): tf.TensorInfo {
  const heap = wasmHeap(backend)
  if (!inPlace || backend.refCount(moment.dataId) !== 1) return heap.makeOutput(moment.shape, 'float32')
  heap.incRef(moment.dataId)
  return { dataId: moment.dataId, shape: moment.shape, dtype: 'float32' }
}

/**
 * tfjs's AdamOptimizer spends about fourteen elementwise kernels per variable, each a pass over memory
 * and a new tensor: about 23 ms a step for the lecture network's 3136×1024 dense weights on wasm. This
 * is one pass of wasm SIMD (simd/simdKernelsWat.ts) with the same float32 operations in the same order,
 * each value read before it is written. m and v are consumed: see momentOutput.
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
    const distinct = new Set([value.dataId, m.dataId, v.dataId, gradient.dataId]).size === 4
    const kernelBackend = backend as tf.KernelBackend
    const outputs = [
      heap.makeOutput(value.shape, 'float32'),
      momentOutput(kernelBackend, m, distinct),
      momentOutput(kernelBackend, v, distinct)
    ]
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
