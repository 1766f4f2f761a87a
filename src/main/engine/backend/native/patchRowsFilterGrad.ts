import type * as tf from '@tensorflow/tfjs'
import { wasmHeap } from '../libraryInternals'
import { simdKernelsOf } from '../simd/simdKernels'
import { runInto } from './nativeHeapRun'
import type { NativeRuntime } from './onnxRuntimeSync'
import { matMulGraph } from './productGraphs'

/**
 * dW of a stride-1 convolution as patches · dy, with the patch rows ([kh·kw·ci, n·outH·outW], in HWIO
 * order) laid out by the app's SIMD module straight in the wasm heap, and only the product sent to
 * onnxruntime. Built there instead, out of 25 Slices and a Concat, the patches cost more than the product
 * (those copies run on one thread): 39 against 52 ms of CPU for the lecture network's conv2 at batch 128.
 * Returns null where it does not apply (other strides or dilations, rows shorter than 4, no SIMD module).
 */
export function patchRowsFilterGrad(
  backend: object,
  runtime: NativeRuntime,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  filterShape: number[]
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
  const positions = n * outHeight * outWidth
  const planeFloats = c * n * (outHeight + kh - 1) * (outWidth + kw - 1)
  const planes = heap.makeOutput([planeFloats], 'float32')
  const patches = heap.makeOutput([rows, positions], 'float32')
  const at = (t: tf.TensorInfo): number => heap.typedArrayFromHeap(t).byteOffset
  try {
    const { top, left } = info.padInfo
    simd.patchRows(at(x), n, h, w, c, kh, kw, top, left, outHeight, outWidth, at(planes), at(patches))
  } finally {
    heap.disposeData(planes.dataId)
  }
  try {
    return runInto(
      backend,
      runtime,
      `patchRowsFilterGrad ${rows} ${positions} ${co}`,
      () => matMulGraph([rows, positions], [positions, co], false, false, [rows, co]),
      { a: patches, b: { ...dy, shape: [positions, co] } },
      { name: 'c', shape: filterShape, dims: [rows, co] }
    )
  } finally {
    heap.disposeData(patches.dataId)
  }
}
