import * as tf from '@tensorflow/tfjs'
import { convInfo, type KernelFunc } from '../wasmKernelCalls'
import { conv2DBackpropFilterGraph, conv2DBackpropInputGraph, conv2DGraph } from './convGraphs'
import {
  allFloat,
  convMultiplyAdds,
  epilogueKey,
  epilogueOf,
  geometry,
  runInto,
  type NativeKernelOptions
} from './nativeHeapRun'
import {
  nchwcConv2DBackpropInputGraph,
  nchwcConv2DGraph,
  nchwcFits,
  nchwcFusesActivation,
  nchwcProbeGraph
} from './nchwcConvGraphs'
import type { NativeRuntime } from './onnxRuntimeSync'
import { patchRowsFilterGrad } from './patchRowsFilterGrad'
import { runInBatchSlices, withImages, type SlicedGraph } from './batchSlices'

/** Convolutions and their two gradients on onnxruntime's native kernels, for the wasm backend. */

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
    const block = runtime.nchwcBlock(nchwcProbeGraph)
    const blocked =
      block !== null && nchwcFits(info.inChannels, block) && nchwcFusesActivation(epilogue.activation)
    const xDims = (n: number): number[] => withImages(x.shape, n)
    const yDims = (n: number): number[] => withImages(info.outShape, n)
    const graph: SlicedGraph = {
      key: (n) =>
        `conv2d ${blocked ? `nchwc${block}` : ''} ${xDims(n)} ${filter.shape} ${g.pads} ${g.strides} ${g.dilations} ${epilogueKey(epilogue)}`,
      build: (n) =>
        blocked
          ? nchwcConv2DGraph(xDims(n), filter.shape, g, yDims(n), block, epilogue)
          : conv2DGraph(xDims(n), filter.shape, g, yDims(n), epilogue)
    }
    return runInBatchSlices(
      args.backend,
      runtime,
      graph,
      { name: 'x', info: x },
      { w: filter, ...(bias && epilogue.bias ? { bias } : {}) },
      { name: 'y', shape: info.outShape },
      opts.sliceFloats
    )
  }
}

/** ConvTranspose's output is s·(Ho−1) + k − pads + outputPadding rows; the rest must be restored. */
function transposeOutputPadding(info: tf.backend_util.Conv2DInfo): [number, number] {
  const { padInfo: p } = info
  return [
    info.inHeight - (info.strideHeight * (info.outHeight - 1) + info.filterHeight - p.top - p.bottom),
    info.inWidth - (info.strideWidth * (info.outWidth - 1) + info.filterWidth - p.left - p.right)
  ]
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
    const outputPadding = transposeOutputPadding(info)
    const fits = outputPadding.every((p, i) => p >= 0 && p < (i === 0 ? info.strideHeight : info.strideWidth))
    if (!fits || convMultiplyAdds(info) < opts.minMultiplyAdds) return fallback(args)
    const g = geometry(info)
    const block = runtime.nchwcBlock(nchwcProbeGraph)
    const unitStride = info.strideHeight === 1 && info.strideWidth === 1
    const fullPads = [info.filterHeight - 1 - g.pads[0], info.filterWidth - 1 - g.pads[1]]
    const blocked =
      block !== null &&
      unitStride &&
      fullPads.every((p) => p >= 0) &&
      g.pads[2] <= info.filterHeight - 1 &&
      g.pads[3] <= info.filterWidth - 1 &&
      nchwcFits(info.outChannels, block)
    const dyDims = (n: number): number[] => withImages(dy.shape, n)
    const dxDims = (n: number): number[] => withImages(info.inShape, n)
    const graph: SlicedGraph = {
      key: (n) =>
        `conv2dBackpropInput ${blocked ? `nchwc${block}` : ''} ${dyDims(n)} ${filter.shape} ${dxDims(n)} ${g.pads} ${g.strides}`,
      build: (n) =>
        blocked
          ? nchwcConv2DBackpropInputGraph(dyDims(n), filter.shape, g, dxDims(n), block)
          : conv2DBackpropInputGraph(dyDims(n), filter.shape, g, outputPadding, dxDims(n))
    }
    return runInBatchSlices(
      args.backend,
      runtime,
      graph,
      { name: 'dy', info: dy },
      { w: filter },
      { name: 'dx', shape: info.inShape },
      opts.sliceFloats
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
    const viaPatchRows = patchRowsFilterGrad(
      args.backend,
      runtime,
      x,
      dy,
      info,
      attrs.filterShape,
      opts.patchChunkFloats
    )
    if (viaPatchRows !== null) return viaPatchRows
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
