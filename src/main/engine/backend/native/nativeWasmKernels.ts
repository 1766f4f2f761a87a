import * as tf from '@tensorflow/tfjs'
import { convInfo, type KernelFunc, type WasmHeapBackend } from '../wasmKernelCalls'
import {
  conv2DBackpropFilterGraph,
  conv2DBackpropInputGraph,
  conv2DGraph,
  matMulGraph,
  reduceSumGraph,
  FUSED_ACTIVATIONS,
  type ConvGeometry,
  type Epilogue
} from './kernelGraphs'
import type { NativeOperand, NativeRuntime } from './onnxRuntimeSync'

/**
 * Convolutions and matrix products of the wasm backend computed by onnxruntime's native CPU
 * kernels. Operands are read straight from the wasm heap and the result is written straight
 * into a tensor the wasm backend allocated, so the rest of the step (pooling, activations,
 * the optimizer) stays on wasm and nothing else changes for tfjs.
 */

export interface NativeKernelOptions {
  /** Smaller products stay on wasm, where a call costs less than onnxruntime's per-run overhead. */
  minMultiplyAdds: number
}

/**
 * Allocates the output first: allocating can grow wasm memory, and views taken before that
 * would point into the old buffer.
 */
function runInto(
  backend: object,
  runtime: NativeRuntime,
  key: string,
  build: () => Uint8Array,
  inputs: Record<string, tf.TensorInfo>,
  output: { name: string; shape: number[]; dims?: number[] }
): tf.TensorInfo {
  const heap = backend as WasmHeapBackend
  const out = heap.makeOutput(output.shape, 'float32')
  const operands: Record<string, NativeOperand> = {}
  for (const [name, info] of Object.entries(inputs)) {
    operands[name] = { data: heap.typedArrayFromHeap(info) as Float32Array, dims: info.shape }
  }
  const target: NativeOperand = {
    data: heap.typedArrayFromHeap(out) as Float32Array,
    dims: output.dims ?? output.shape
  }
  runtime.session(key, build).run(operands, { [output.name]: target })
  return out
}

function geometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  const { top, left, bottom, right } = info.padInfo
  return {
    pads: [top, left, bottom, right],
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth]
  }
}

const allFloat = (...xs: tf.TensorInfo[]): boolean => xs.every((x) => x.dtype === 'float32')

const convMultiplyAdds = (info: tf.backend_util.Conv2DInfo): number =>
  tf.util.sizeFromShape(info.outShape) * info.filterHeight * info.filterWidth * info.inChannels

/**
 * The fused kernels' bias and activation when onnxruntime can apply them (a bias of one value per
 * output channel, an activation in FUSED_ACTIVATIONS, no PReLU weights); otherwise null.
 */
function epilogueOf(
  inputs: tf.NamedTensorInfoMap,
  attrs: { activation?: string; leakyreluAlpha?: number },
  channels: number
): Epilogue | null {
  const { bias, preluActivationWeights } = inputs
  const activation = attrs.activation ?? 'linear'
  if (preluActivationWeights !== undefined || !FUSED_ACTIVATIONS.includes(activation)) return null
  if (
    bias !== undefined &&
    (bias.dtype !== 'float32' || bias.shape.length !== 1 || bias.shape[0] !== channels)
  ) {
    return null
  }
  return {
    bias: bias !== undefined,
    activation,
    ...(attrs.leakyreluAlpha === undefined ? {} : { leakyreluAlpha: attrs.leakyreluAlpha })
  }
}

const epilogueKey = (e: Epilogue): string =>
  `${e.bias ? 'bias' : ''} ${e.activation} ${e.leakyreluAlpha ?? ''}`

/** Conv2D, and FusedConv2D (inference: bias and activation in the same onnxruntime run). */
export function makeNativeConv2D(
  fallback: KernelFunc,
  runtime: NativeRuntime,
  opts: NativeKernelOptions
): KernelFunc {
  return (args) => {
    const { x, filter, bias } = args.inputs
    const attrs = args.attrs as unknown as tf.FusedConv2DAttrs
    if (x === undefined || filter === undefined || attrs.dataFormat === 'NCHW' || !allFloat(x, filter))
      return fallback(args)
    const epilogue = epilogueOf(args.inputs, attrs, filter.shape[3] ?? 0)
    if (epilogue === null) return fallback(args)
    const info = convInfo(x.shape, filter.shape, attrs)
    if (convMultiplyAdds(info) < opts.minMultiplyAdds) return fallback(args)
    const g = geometry(info)
    const key = `conv2d ${x.shape} ${filter.shape} ${g.pads} ${g.strides} ${g.dilations} ${epilogueKey(epilogue)}`
    return runInto(
      args.backend,
      runtime,
      key,
      () => conv2DGraph(x.shape, filter.shape, g, info.outShape, epilogue),
      { x, w: filter, ...(bias && epilogue.bias ? { bias } : {}) },
      { name: 'y', shape: info.outShape }
    )
  }
}

export function makeNativeConv2DBackpropInput(
  fallback: KernelFunc,
  runtime: NativeRuntime,
  opts: NativeKernelOptions
): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs
    if (dy === undefined || filter === undefined || attrs.dataFormat === 'NCHW' || !allFloat(dy, filter))
      return fallback(args)
    const info = convInfo(attrs.inputShape, filter.shape, attrs)
    // ConvTranspose's output is s·(Ho−1) + k − pads + outputPadding rows; the rest must be restored.
    const extra = (
      inSize: number,
      out: number,
      stride: number,
      k: number,
      before: number,
      after: number
    ): number => inSize - (stride * (out - 1) + k - before - after)
    const outputPadding: [number, number] = [
      extra(
        info.inHeight,
        info.outHeight,
        info.strideHeight,
        info.filterHeight,
        info.padInfo.top,
        info.padInfo.bottom
      ),
      extra(
        info.inWidth,
        info.outWidth,
        info.strideWidth,
        info.filterWidth,
        info.padInfo.left,
        info.padInfo.right
      )
    ]
    const fits = outputPadding.every((p, i) => p >= 0 && p < (i === 0 ? info.strideHeight : info.strideWidth))
    if (!fits || convMultiplyAdds(info) < opts.minMultiplyAdds) return fallback(args)
    const g = geometry(info)
    const key = `conv2dBackpropInput ${dy.shape} ${filter.shape} ${attrs.inputShape} ${g.pads} ${g.strides}`
    return runInto(
      args.backend,
      runtime,
      key,
      () => conv2DBackpropInputGraph(dy.shape, filter.shape, g, outputPadding, info.inShape),
      { dy, w: filter },
      { name: 'dx', shape: info.inShape }
    )
  }
}

/** The patch matrix is built in onnxruntime's memory; beyond this many floats the wasm kernel is used. */
const MAX_PATCH_FLOATS = 64 * 1024 * 1024

export function makeNativeConv2DBackpropFilter(
  fallback: KernelFunc,
  runtime: NativeRuntime,
  opts: NativeKernelOptions
): KernelFunc {
  return (args) => {
    const { x, dy } = args.inputs
    const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs
    if (x === undefined || dy === undefined || attrs.dataFormat === 'NCHW' || !allFloat(x, dy))
      return fallback(args)
    const info = convInfo(x.shape, attrs.filterShape, attrs)
    const patchFloats =
      info.batchSize * info.outHeight * info.outWidth * info.filterHeight * info.filterWidth * info.inChannels
    if (patchFloats > MAX_PATCH_FLOATS || convMultiplyAdds(info) < opts.minMultiplyAdds) return fallback(args)
    const g = geometry(info)
    const key = `conv2dBackpropFilter ${x.shape} ${dy.shape} ${attrs.filterShape} ${g.pads} ${g.strides}`
    return runInto(
      args.backend,
      runtime,
      key,
      () => conv2DBackpropFilterGraph(x.shape, dy.shape, g, attrs.filterShape),
      { x, dy },
      { name: 'dw', shape: attrs.filterShape }
    )
  }
}

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
 * Sum of float32 tensors, multi-threaded and vectorised (the bias gradients of conv layers: 3 against
 * 10 ms for [128,28,28,32] → [32]). onnxruntime accumulates in float32 like the stock kernel.
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
