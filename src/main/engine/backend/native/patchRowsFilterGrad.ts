import type * as tf from '@tensorflow/tfjs'
import { wasmHeap } from '../libraryInternals'
import { simdKernelsOf } from '../simd/simdKernels'
import type { NativeOperand, NativeRuntime } from './onnxRuntimeSync'
import { matMulAddGraph, matMulGraph } from './productGraphs'

/**
 * The patch rows of a batch are built and multiplied a few images at a time, about this many floats
 * (10 MB), so the product reads them while they are still in the cache. Written out whole, the lecture
 * network's conv2 at batch 128 needs 80 MB, and building them ran at memory speed: 18–21 against 9–11 ms
 * in chunks of 16 images. With the products, in one process alternating the two after the cache was
 * flushed: a median of 40.8 and 41.7 ms whole against 34.6 and 36.5 ms by chunks; 19.6 against 18.7 ms
 * at batch 64, and the same within 0.1 ms at batch 32 (two chunks).
 */
export const PATCH_CHUNK_FLOATS = 2_621_440

/**
 * dW of a stride-1 convolution as patches · dy, with the patch rows ([kh·kw·ci, n·outH·outW], in HWIO
 * order) laid out by the app's SIMD module straight in the wasm heap, and only the product sent to
 * onnxruntime. Built there instead, out of 25 Slices and a Concat, the patches cost more than the product
 * (those copies run on one thread): 39 against 52 ms of CPU for the lecture network's conv2 at batch 128.
 * Batches whose patches exceed `chunkFloats` go by chunks of whole images, each product adding the
 * last one's sum. Returns null where it does not apply (other strides or dilations, rows shorter than 4,
 * no SIMD module).
 */
export function patchRowsFilterGrad(
  backend: object,
  runtime: NativeRuntime,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  filterShape: number[],
  chunkFloats = PATCH_CHUNK_FLOATS
): tf.TensorInfo | null {
  const plain =
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    info.outWidth >= 4
  const simd = plain ? simdKernelsOf(backend) : null
  if (simd === null) return null
  const heap = wasmHeap(backend)
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight, outWidth } = info
  const { filterHeight: kh, filterWidth: kw, outChannels: co } = info
  const rows = kh * kw * c
  const perImage = outHeight * outWidth
  const chunk = Math.min(n, Math.max(1, Math.floor(chunkFloats / (rows * perImage))))
  const planes = heap.makeOutput([c * chunk * (outHeight + kh - 1) * (outWidth + kw - 1)], 'float32')
  const patches = heap.makeOutput([rows, chunk * perImage], 'float32')
  const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
  const { top, left } = info.padInfo
  /** Lays out the patch rows of images [first, first + count) in `patches`. */
  const layOut = (first: number, count: number): void =>
    simd.patchRows(
      at(x) + first * h * w * c * 4,
      count,
      h,
      w,
      c,
      kh,
      kw,
      top,
      left,
      outHeight,
      outWidth,
      at(planes),
      at(patches)
    )
  try {
    return byChunks(backend, runtime, { dy, n, chunk, rows, perImage, co, filterShape, patches, layOut })
  } finally {
    heap.disposeData(planes.dataId)
    heap.disposeData(patches.dataId)
  }
}

interface Chunks {
  dy: tf.TensorInfo
  n: number
  chunk: number
  rows: number
  perImage: number
  co: number
  filterShape: number[]
  patches: tf.TensorInfo
  layOut: (first: number, count: number) => void
}

/**
 * Σ over chunks of patches · dy (one chunk: the product alone), the running sum kept in one of two
 * [rows, co] buffers that take turns (onnxruntime writes a product plus the other). All buffers exist before the first view is taken:
 * allocating may grow wasm memory and detach views.
 */
function byChunks(backend: object, runtime: NativeRuntime, p: Chunks): tf.TensorInfo {
  const heap = wasmHeap(backend)
  let total = heap.makeOutput(p.filterShape, 'float32')
  let spare = heap.makeOutput(p.filterShape, 'float32')
  const view = (t: tf.TensorInfo): Float32Array => heap.typedArrayFromHeap(t) as Float32Array
  const sumDims = [p.rows, p.co]
  for (let first = 0; first < p.n; first += p.chunk) {
    const count = Math.min(p.chunk, p.n - first)
    p.layOut(first, count)
    const positions = count * p.perImage
    const a: NativeOperand = {
      data: view(p.patches).subarray(0, p.rows * positions),
      dims: [p.rows, positions]
    }
    const rowsOfDy = view(p.dy).subarray(first * p.perImage * p.co, (first + count) * p.perImage * p.co)
    const b: NativeOperand = { data: rowsOfDy, dims: [positions, p.co] }
    if (first === 0) {
      runtime
        .session(`patchRowsFilterGrad ${p.rows} ${positions} ${p.co}`, () =>
          matMulGraph([p.rows, positions], [positions, p.co], false, false, sumDims)
        )
        .run({ a, b }, { c: { data: view(total), dims: sumDims } })
      continue
    }
    runtime
      .session(`patchRowsFilterGrad+ ${p.rows} ${positions} ${p.co}`, () =>
        matMulAddGraph([p.rows, positions], [positions, p.co], sumDims)
      )
      .run({ a, b, sum: { data: view(total), dims: sumDims } }, { c: { data: view(spare), dims: sumDims } })
    ;[total, spare] = [spare, total]
  }
  heap.disposeData(spare.dataId)
  return total
}
