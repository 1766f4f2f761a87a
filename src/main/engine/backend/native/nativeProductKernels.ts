import * as tf from '@tensorflow/tfjs'
import type { KernelFunc } from '../wasmKernelCalls'
import { matMulGraph, reduceSumGraph } from './productGraphs'
import { allFloat, epilogueKey, epilogueOf, runInto, type NativeKernelOptions } from './nativeHeapRun'
import type { NativeRuntime } from './onnxRuntimeSync'
import { simdKernelsOf } from '../simd/simdKernels'
import { leadingAxes } from '../wasmSum'

/** Matrix products and sums on onnxruntime's native kernels, for the wasm backend. */

/** BatchMatMul, and _FusedMatMul (inference: bias and activation in the same onnxruntime run). */
export function makeNativeBatchMatMul(
  fallback: KernelFunc,
  runtime: NativeRuntime,
  opts: NativeKernelOptions
): KernelFunc {
  return (args) => {
    const { a, b, bias } = args.inputs
    const attrs = args.attrs as unknown as tf._FusedMatMulAttrs
    const { transposeA, transposeB } = attrs
    if (a === undefined || b === undefined || !allFloat(a, b)) return fallback(args)
    // Batched products (attention-like layers) are not what dense layers need; they stay on wasm.
    if (
      tf.util.sizeFromShape(a.shape.slice(0, -2)) !== 1 ||
      tf.util.sizeFromShape(b.shape.slice(0, -2)) !== 1
    )
      return fallback(args)
    const a2 = a.shape.slice(-2)
    const b2 = b.shape.slice(-2)
    const rows = (transposeA ? a2[1] : a2[0]) ?? 0
    const inner = (transposeA ? a2[0] : a2[1]) ?? 0
    const cols = (transposeB ? b2[0] : b2[1]) ?? 0
    const epilogue = epilogueOf(args.inputs, attrs, cols)
    if (epilogue === null || rows * inner * cols < opts.minMultiplyAdds) return fallback(args)
    const outShape = [...(a.shape.length > b.shape.length ? a.shape : b.shape).slice(0, -2), rows, cols]
    const key = `matMul ${a2} ${b2} ${transposeA} ${transposeB} ${epilogueKey(epilogue)}`
    return runInto(
      args.backend,
      runtime,
      key,
      () => matMulGraph(a2, b2, transposeA, transposeB, [rows, cols], epilogue),
      { a: { ...a, shape: a2 }, b: { ...b, shape: b2 }, ...(bias && epilogue.bias ? { bias } : {}) },
      { name: 'c', shape: outShape, dims: [rows, cols] }
    )
  }
}

/**
 * Sum of float32 tensors, multi-threaded and vectorised. onnxruntime accumulates in float32 like the stock
 * kernel. Sums over leading axes of a multiple of 4 columns (conv bias gradients) stay on wasm's SIMD pass.
 */
export function makeNativeSum(
  fallback: KernelFunc,
  runtime: NativeRuntime,
  opts: NativeKernelOptions
): KernelFunc {
  return (args) => {
    const { x } = args.inputs
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs
    if (x === undefined || x.dtype !== 'float32' || tf.util.sizeFromShape(x.shape) < opts.minMultiplyAdds)
      return fallback(args)
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b)
    if (axes.length === 0) return fallback(args)
    // Column sums (bias gradients) are one sequential pass of the SIMD module: faster than a run here.
    const reduced = leadingAxes(axes, x.shape.length)
    const inner = tf.util.sizeFromShape(x.shape.slice(reduced))
    if (reduced >= 1 && reduced < x.shape.length && inner % 4 === 0 && simdKernelsOf(args.backend) !== null)
      return fallback(args)
    const [reducedShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes)
    const outShape = keepDims ? tf.backend_util.expandShapeToKeepDim(reducedShape, axes) : reducedShape
    // ONNX cannot name a rank-0 output shape through Reshape's [] as clearly; one value is [1] there.
    const dims = outShape.length === 0 ? [1] : outShape
    const key = `sum ${x.shape} ${axes}`
    return runInto(
      args.backend,
      runtime,
      key,
      () => reduceSumGraph(x.shape, axes, dims),
      { x },
      {
        name: 'y',
        shape: outShape,
        dims
      }
    )
  }
}
