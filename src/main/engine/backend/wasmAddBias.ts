import * as tf from '@tensorflow/tfjs'
import { wasmHeap } from './libraryInternals'
import { simdKernelsOf } from './simd/simdKernels'
import type { KernelFunc } from './wasmKernelCalls'

/** Below this many elements the stock kernel is as fast. */
const MIN_ELEMENTS = 1 << 12

/**
 * Add for a tensor plus a per-channel bias ([…, C] + [C], C a multiple of 4): the bias of every conv layer,
 * which tfjs adds as a kernel of its own while recording gradients. One SIMD pass of the app's module,
 * about half the time of the stock kernel's broadcasting add on the lecture network's conv1 output; the
 * same float32 sums. Every other Add uses the stock kernel.
 */
export function makeAddBiasWasm(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs
    if (a === undefined || b === undefined) throw new Error('Add needs the inputs a and b.')
    const cols = b.shape[0] ?? 0
    const size = tf.util.sizeFromShape(a.shape)
    const fits =
      a.dtype === 'float32' &&
      b.dtype === 'float32' &&
      b.shape.length === 1 &&
      a.shape.at(-1) === cols &&
      cols % 4 === 0 &&
      size >= MIN_ELEMENTS
    const simd = fits ? simdKernelsOf(args.backend) : null
    if (simd === null) return stock(args)
    const heap = wasmHeap(args.backend)
    const out = heap.makeOutput(a.shape, 'float32')
    const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
    simd.addBias(at(a), at(b), at(out), size / cols, cols)
    return out
  }
}
