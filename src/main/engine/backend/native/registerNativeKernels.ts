import { addKernelLayer, type KernelLayer } from '../kernelLayers'
import { checkKernelLayers } from '../kernelSelfCheck'
import type { InternalsLibrary } from '../libraryInternals'
import type { KernelFunc } from '../wasmKernelCalls'
import {
  makeNativeConv2D,
  makeNativeConv2DBackpropFilter,
  makeNativeConv2DBackpropInput
} from './nativeConvKernels'
import type { NativeKernelOptions } from './nativeHeapRun'
import { nchwcProbeGraph } from './nchwcConvGraphs'
import { PATCH_CHUNK_FLOATS } from './patchRowsFilterGrad'
import { SLICE_FLOATS } from './batchSlices'
import { makeNativeBatchMatMul, makeNativeSum } from './nativeProductKernels'
import type { NativeRuntime } from './onnxRuntimeSync'

type MakeKernel = (fallback: KernelFunc, runtime: NativeRuntime, opts: NativeKernelOptions) => KernelFunc

const KERNELS: ReadonlyArray<[string, MakeKernel]> = [
  ['Conv2D', makeNativeConv2D],
  ['FusedConv2D', makeNativeConv2D],
  ['Conv2DBackpropInput', makeNativeConv2DBackpropInput],
  ['Conv2DBackpropFilter', makeNativeConv2DBackpropFilter],
  ['BatchMatMul', makeNativeBatchMatMul],
  ['_FusedMatMul', makeNativeBatchMatMul],
  ['Sum', makeNativeSum]
]

const NEEDS: readonly InternalsLibrary[] = ['@tensorflow/tfjs-backend-wasm', 'onnxruntime-node']

/**
 * Below about a million multiply-adds wasm is as fast: an onnxruntime run costs some tens of
 * microseconds and its threads have to wake up.
 */
export const DEFAULT_MIN_MULTIPLY_ADDS = 1 << 20

let registered: { runtime: NativeRuntime; layers: KernelLayer[] } | null = null

/**
 * Puts onnxruntime's kernels in front of the wasm backend's convolutions, matrix products and sums. The
 * kernels they cover (registerWasmKernels' included) remain the fallback for the cases listed in
 * nativeConvKernels and nativeProductKernels, so call this after registerWasmKernels. Each is checked
 * against tfjs's cpu backend with every product sent to onnxruntime however small, and taken off again if
 * it differs. Once per thread; returns the layers (those still active have `checked === null`).
 */
export function registerNativeKernels(
  runtime: NativeRuntime,
  opts: { minMultiplyAdds?: number; patchChunkFloats?: number; sliceFloats?: number } = {}
): KernelLayer[] {
  if (registered !== null) return registered.layers
  // The checks send every product to onnxruntime however small, build filter gradients' patches and run
  // convolutions one image at a time, so the sums across chunks and the slices are checked too.
  const options: NativeKernelOptions = { minMultiplyAdds: 0, patchChunkFloats: 1, sliceFloats: 1 }
  const layers = KERNELS.map(([name, make]) =>
    addKernelLayer(name, 'onnxruntime', NEEDS, (below) => {
      if (below === undefined)
        throw new Error(`The wasm backend has no '${name}' kernel to put onnxruntime in front of.`)
      return make(below, runtime, options)
    })
  )
  checkKernelLayers(layers)
  // The checks' sessions are small and not needed again.
  runtime.dispose()
  options.minMultiplyAdds = opts.minMultiplyAdds ?? DEFAULT_MIN_MULTIPLY_ADDS
  options.patchChunkFloats = opts.patchChunkFloats ?? PATCH_CHUNK_FLOATS
  options.sliceFloats = opts.sliceFloats ?? SLICE_FLOATS
  registered = { runtime, layers }
  return layers
}

/** The runtime behind the wasm kernels, or null when none of onnxruntime's kernels is in use. */
export function nativeKernelRuntime(): NativeRuntime | null {
  return registered !== null && registered.layers.some((l) => l.checked === null) ? registered.runtime : null
}

/** MLAS's NCHWc block size when onnxruntime's blocked convolutions are in use, else null. */
export function nativeConvBlock(): number | null {
  return nativeKernelRuntime()?.nchwcBlock(nchwcProbeGraph) ?? null
}
