import * as tf from '@tensorflow/tfjs'
import { WasmScratch, type KernelFunc } from './wasmKernelCalls'

/**
 * BatchMatMul for the wasm backend that keeps transposed products on XNNPACK.
 *
 * The stock kernel uses XNNPACK's fully-connected operator only when neither operand is
 * transposed and the batch is 1; anything else runs a scalar triple loop (under 1 GFLOP/s).
 * Backprop through a dense layer asks for exactly those cases: dW = xᵀ·dy and dx = dy·Wᵀ.
 *
 * The fast operator packs its right operand ("weights") whenever that operand is a tensor it
 * has not seen, which costs about three times as much as transposing it (30 ms against 9 ms
 * for 3136×1024). In training every weight is a new tensor each step. So a product is computed
 * either as
 *   direct:   op(A)·op(B)            (transpose what is transposed, pack B)
 *   swapped:  (op(B)ᵀ·op(A)ᵀ)ᵀ       (a transposed operand is used as stored, pack A, transpose C)
 * whichever moves fewer elements: for dx = dy·Wᵀ and for the forward x·W that means never
 * packing the 3136×1024 weight matrix. A right operand seen before keeps the direct plan, since
 * its packed copy is cached (inference with fixed weights).
 */

const size = (shape: number[]): number => shape.reduce((p, d) => p * d, 1)

function batchOf(shape: number[]): number {
  return size(shape.slice(0, -2))
}

/** Packing an element for XNNPACK costs about three transposed elements (measured, see above). */
const PACK_COST = 3

/** Both plans cost elements moved: transposes plus packing of the right operand. */
export function chooseMatMulPlan(
  aShape: number[],
  bShape: number[],
  transposeA: boolean,
  transposeB: boolean
): 'direct' | 'swapped' {
  const a = size(aShape)
  const b = size(bShape)
  const rows = (transposeA ? aShape.at(-1) : aShape.at(-2)) ?? 1
  const cols = (transposeB ? bShape.at(-2) : bShape.at(-1)) ?? 1
  const direct = (transposeA ? a : 0) + (transposeB ? b : 0) + PACK_COST * b
  const swapped = (transposeB ? 0 : b) + (transposeA ? 0 : a) + PACK_COST * a + rows * cols
  return swapped < direct ? 'swapped' : 'direct'
}

function as2d(scratch: WasmScratch, x: tf.TensorInfo): tf.TensorInfo {
  return x.shape.length === 2 ? x : scratch.reshape(x, x.shape.slice(-2))
}

export function makeBatchMatMulWasm(original: KernelFunc): KernelFunc {
  // Right operands already multiplied without transposes: XNNPACK holds them packed.
  const seenAsWeights = new WeakSet<object>()
  return (args) => {
    const { a, b } = args.inputs
    const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs
    if (a === undefined || b === undefined) throw new Error('BatchMatMul needs the inputs a and b.')
    const unbatched = batchOf(a.shape) === 1 && batchOf(b.shape) === 1
    if (!unbatched || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args)
    if (!transposeA && !transposeB) {
      const packedBefore = seenAsWeights.has(b.dataId)
      seenAsWeights.add(b.dataId)
      if (packedBefore || chooseMatMulPlan(a.shape, b.shape, false, false) === 'direct') return original(args)
    }

    const scratch = new WasmScratch(args.backend)
    const plain = { transposeA: false, transposeB: false }
    try {
      const a2 = as2d(scratch, a)
      const b2 = as2d(scratch, b)
      let out: tf.TensorInfo
      if (chooseMatMulPlan(a.shape, b.shape, transposeA, transposeB) === 'direct') {
        const left = transposeA ? scratch.transpose(a2, [1, 0]) : a2
        const right = transposeB ? scratch.transpose(b2, [1, 0]) : b2
        out = scratch.run('BatchMatMul', { a: left, b: right }, plain, original)
      } else {
        const left = transposeB ? b2 : scratch.transpose(b2, [1, 0])
        const right = transposeA ? a2 : scratch.transpose(a2, [1, 0])
        const outT = scratch.run('BatchMatMul', { a: left, b: right }, plain, original)
        out = scratch.transpose(scratch.reshape(outT, outT.shape.slice(-2)), [1, 0])
      }
      // The stock kernel returns rank max(rank a, rank b) with a leading batch of 1 when rank 3.
      const rank = Math.max(a.shape.length, b.shape.length)
      const shape = [...new Array<number>(rank - 2).fill(1), ...out.shape.slice(-2)]
      return scratch.finish(out.shape.length === shape.length ? out : scratch.reshape(out, shape))
    } catch (err) {
      scratch.releaseAll()
      throw err
    }
  }
}
