import * as tf from '@tensorflow/tfjs'
import { wasmHeap } from '../libraryInternals'
import { FUSED_ACTIVATIONS, type ConvGeometry, type Epilogue } from './kernelGraph'
import type { NativeOperand, NativeRuntime } from './onnxRuntimeSync'

/**
 * What the native kernels share: running a one-kernel onnxruntime graph on operands read straight
 * from the wasm heap, writing the result straight into a tensor the wasm backend allocated, so the
 * rest of the step (pooling, activations, the optimizer) stays on wasm and nothing else changes for
 * tfjs; and deciding which kernels' bias and activation onnxruntime can apply.
 */

export interface NativeKernelOptions {
  /** Smaller products stay on wasm, where a call costs less than onnxruntime's per-run overhead. */
  minMultiplyAdds: number
  /** Filter gradients build their patches this many floats at a time (see patchRowsFilterGrad). */
  patchChunkFloats: number
  /** Convolutions run on slices of the batch of about this many floats (see batchSlices). */
  sliceFloats: number
}

/**
 * Allocates the output first: allocating can grow wasm memory, and views taken before that
 * would point into the old buffer.
 */
export function runInto(
  backend: object,
  runtime: NativeRuntime,
  key: string,
  build: () => Uint8Array,
  inputs: Record<string, tf.TensorInfo>,
  output: { name: string; shape: number[]; dims?: number[] }
): tf.TensorInfo {
  const heap = wasmHeap(backend)
  const out = heap.makeOutput(output.shape, 'float32')
  const operands = heapOperands(backend, inputs)
  const target: NativeOperand = {
    data: heap.typedArrayFromHeap(out) as Float32Array,
    dims: output.dims ?? output.shape
  }
  runtime.session(key, build).run(operands, { [output.name]: target })
  return out
}

/** Views of `inputs` in the wasm heap, as onnxruntime operands; take them after the last allocation. */
export function heapOperands(
  backend: object,
  inputs: Record<string, tf.TensorInfo>
): Record<string, NativeOperand> {
  const heap = wasmHeap(backend)
  const operands: Record<string, NativeOperand> = {}
  for (const [name, info] of Object.entries(inputs)) {
    operands[name] = { data: heap.typedArrayFromHeap(info) as Float32Array, dims: info.shape }
  }
  return operands
}

export function geometry(info: tf.backend_util.Conv2DInfo): ConvGeometry {
  const { top, left, bottom, right } = info.padInfo
  return {
    pads: [top, left, bottom, right],
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth]
  }
}

export const allFloat = (...xs: tf.TensorInfo[]): boolean => xs.every((x) => x.dtype === 'float32')

export const convMultiplyAdds = (info: tf.backend_util.Conv2DInfo): number =>
  tf.util.sizeFromShape(info.outShape) * info.filterHeight * info.filterWidth * info.inChannels

/**
 * The fused kernels' bias and activation when onnxruntime can apply them (a bias of one value per
 * output channel, an activation in FUSED_ACTIVATIONS, no PReLU weights); otherwise null.
 */
export function epilogueOf(
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

export const epilogueKey = (e: Epilogue): string =>
  `${e.bias ? 'bias' : ''} ${e.activation} ${e.leakyreluAlpha ?? ''}`
