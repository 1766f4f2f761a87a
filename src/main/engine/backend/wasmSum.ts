import * as tf from '@tensorflow/tfjs'
import { simdKernelsOf } from './simd/simdKernels'
import { wasmHeap } from './libraryInternals'
import type { KernelFunc } from './wasmKernelCalls'

/**
 * Sum over the leading axes for the wasm backend: the bias gradient of every conv layer
 * (dy [N,H,W,C] summed to [C]).
 *
 * The stock kernel sums only innermost axes, so it first transposes the whole tensor to put the
 * reduced axes last, a cache-unfriendly copy that costs about 30 ms for the lecture network's
 * first layer at batch 128. Summed in place, row by row, the same reduction is one sequential
 * read, accumulated in float64 (two columns per instruction with the app's SIMD module, else a plain
 * loop): at least as exact as the stock kernel's float32 sum.
 * Small tensors and other axes use the stock kernel.
 */

/** Below this many elements the transpose is cheap and the stock kernel is kept. */
const MIN_ELEMENTS = 1 << 12

/** How many leading axes `axis` names, or -1 when it names anything else. */
export function leadingAxes(axis: number | number[], rank: number): number {
  const axes = tf.util.parseAxisParam(axis, new Array<number>(rank).fill(1))
  const sorted = [...new Set(axes)].sort((a, b) => a - b)
  return sorted.every((a, i) => a === i) ? sorted.length : -1
}

export function makeSumWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs
    if (x === undefined) throw new Error('Sum needs the input x.')
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs
    const rank = x.shape.length
    const reduced = leadingAxes(axis, rank)
    const total = tf.util.sizeFromShape(x.shape)
    if (x.dtype !== 'float32' || reduced < 1 || reduced >= rank || total < MIN_ELEMENTS) {
      return original(args)
    }
    const kept = x.shape.slice(reduced)
    const inner = tf.util.sizeFromShape(kept)
    const rows = total / inner
    const backend = wasmHeap(args.backend)
    const outShape = keepDims ? [...new Array<number>(reduced).fill(1), ...kept] : kept
    const out = backend.makeOutput(outShape, 'float32')
    const simd = inner % 4 === 0 ? simdKernelsOf(backend) : null
    if (simd !== null) {
      // Scratch: one float64 total per column.
      const scratch = backend.makeOutput([inner * 2], 'float32')
      const at = (t: tf.TensorInfo): number => backend.typedArrayFromHeap(t).byteOffset
      simd.columnSums(at(x), rows, inner, at(scratch), at(out))
      backend.disposeData(scratch.dataId)
      return out
    }
    // Views are taken after the allocation: growing the heap replaces its buffer.
    const values = backend.typedArrayFromHeap(x) as Float32Array
    const sums = new Float64Array(inner)
    for (let r = 0, offset = 0; r < rows; r++, offset += inner) {
      for (let j = 0; j < inner; j++) sums[j] = (sums[j] as number) + (values[offset + j] as number)
    }
    ;(backend.typedArrayFromHeap(out) as Float32Array).set(sums)
    return out
  }
}
