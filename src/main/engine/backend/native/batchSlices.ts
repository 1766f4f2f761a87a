import * as tf from '@tensorflow/tfjs'
import { wasmHeap } from '../libraryInternals'
import { heapOperands } from './nativeHeapRun'
import type { NativeOperand, NativeRuntime } from './onnxRuntimeSync'

/**
 * Convolutions run on at most about this many floats of input or output at a time (16 MB), a slice of
 * whole images each. A larger run is slower by far more than its size: the lecture network's conv1 on
 * 1,000 images took 385 ms against 4 × 5.8 ms for 256, with 37,000 page faults (onnxruntime's buffers
 * and the binding's copy of the output, beyond glibc's largest heap block, are mapped afresh each run).
 */
export const SLICE_FLOATS = 4 * 1024 * 1024

/** `shape` (batch-major) at a batch of `images`. */
export function withImages(shape: readonly number[], images: number): number[] {
  return [images, ...shape.slice(1)]
}

/** One graph at a batch of `images`: its session key and how to build it. */
export interface SlicedGraph {
  key: (images: number) => string
  build: (images: number) => Uint8Array
}

/**
 * Runs a one-kernel graph whose input `batched` and output are batch-major (NHWC), on slices of whole
 * images: each run reads its images straight from the input and writes straight into its part of the
 * output, the other inputs (`whole`) going to every run. One slice when the batch fits.
 */
export function runInBatchSlices(
  backend: object,
  runtime: NativeRuntime,
  graph: SlicedGraph,
  batched: { name: string; info: tf.TensorInfo },
  whole: Record<string, tf.TensorInfo>,
  output: { name: string; shape: number[] },
  sliceFloats: number
): tf.TensorInfo {
  const heap = wasmHeap(backend)
  // Allocating can grow wasm memory and detach views taken before, so the output comes first.
  const out = heap.makeOutput(output.shape, 'float32')
  const [n = 0, ...inRest] = batched.info.shape
  const outRest = output.shape.slice(1)
  const inPer = tf.util.sizeFromShape(inRest)
  const outPer = tf.util.sizeFromShape(outRest)
  const perSlice = Math.min(n, Math.max(1, Math.floor(sliceFloats / Math.max(inPer, outPer))))
  const operands = heapOperands(backend, whole)
  const xs = heap.typedArrayFromHeap(batched.info) as Float32Array
  const ys = heap.typedArrayFromHeap(out) as Float32Array
  for (let first = 0; first < n; first += perSlice) {
    const count = Math.min(perSlice, n - first)
    const x: NativeOperand = {
      data: xs.subarray(first * inPer, (first + count) * inPer),
      dims: [count, ...inRest]
    }
    const y: NativeOperand = {
      data: ys.subarray(first * outPer, (first + count) * outPer),
      dims: [count, ...outRest]
    }
    runtime
      .session(graph.key(count), () => graph.build(count))
      .run({ ...operands, [batched.name]: x }, { [output.name]: y })
  }
  return out
}
