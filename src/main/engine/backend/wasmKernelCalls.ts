import * as tf from '@tensorflow/tfjs'

/**
 * Building blocks for kernels written as compositions of the wasm backend's own kernels.
 *
 * Inside a kernelFunc the engine is already running a kernel, so nested `tf.*` ops would be
 * recorded on the gradient tape and tracked as tensors. Calling the registered kernelFuncs
 * directly works on plain TensorInfos instead; every intermediate must then be released
 * through the backend, which is what `WasmScratch` keeps track of.
 */

export type KernelFunc = tf.KernelConfig['kernelFunc']

/** The attributes every conv kernel shares (dilations only on the forward one). */
interface ConvAttrs {
  strides: [number, number] | number
  pad: tf.Conv2DAttrs['pad']
  dimRoundingMode?: 'floor' | 'round' | 'ceil'
  dilations?: [number, number] | number
}

/** computeConv2DInfo for a kernel's NHWC input shape, HWIO filter shape and attributes. */
export function convInfo(
  inShape: number[],
  filterShape: number[],
  attrs: ConvAttrs
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode
  )
}

/** The kernelFunc registered on 'wasm' under `name`, captured now (later overrides do not affect it). */
export function wasmKernelFunc(name: string): KernelFunc {
  const config = tf.getKernel(name, 'wasm')
  if (config === undefined) {
    throw new Error(
      `The wasm backend has no '${name}' kernel; @tensorflow/tfjs-backend-wasm may be a different version than expected (4.22).`
    )
  }
  return config.kernelFunc
}

function single(result: tf.TensorInfo | tf.TensorInfo[], name: string): tf.TensorInfo {
  if (Array.isArray(result)) {
    const [first] = result
    if (result.length !== 1 || first === undefined) {
      throw new Error(`Kernel '${name}' returned ${result.length} outputs where one was expected.`)
    }
    return first
  }
  return result
}

/** Runs kernels on one backend and remembers their outputs so they can be released together. */
export class WasmScratch {
  private readonly held: tf.TensorInfo[] = []
  readonly backend: tf.KernelBackend

  /** kernelFuncs receive their backend typed as `{}`; on 'wasm' it is a KernelBackend. */
  constructor(backend: object) {
    this.backend = backend as tf.KernelBackend
  }

  run(
    name: string,
    inputs: tf.NamedTensorInfoMap,
    attrs: tf.NamedAttrMap = {},
    kernelFunc: KernelFunc = wasmKernelFunc(name)
  ): tf.TensorInfo {
    const out = single(kernelFunc({ inputs, attrs, backend: this.backend }), name)
    this.held.push(out)
    return out
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm })
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape })
  }

  /** Zero padding; `paddings` has one [before, after] pair per dimension. */
  pad(x: tf.TensorInfo, paddings: Array<[number, number]>): tf.TensorInfo {
    if (paddings.every(([before, after]) => before === 0 && after === 0)) return x
    return this.run('PadV2', { x }, { paddings, constantValue: 0 })
  }

  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    if (x.shape.every((d, i) => begin[i] === 0 && size[i] === d)) return x
    return this.run('Slice', { x }, { begin, size })
  }

  /**
   * Hands `out` to the caller (the engine will own it) and releases every other intermediate.
   * Release happens even when `out` is an input view, because reshape bumps the reference count.
   */
  finish(out: tf.TensorInfo): tf.TensorInfo {
    for (const info of this.held) {
      if (info !== out) this.backend.disposeData(info.dataId)
    }
    this.held.length = 0
    return out
  }

  /** Releases everything; used when a composition throws half-way. */
  releaseAll(): void {
    for (const info of this.held) this.backend.disposeData(info.dataId)
    this.held.length = 0
  }
}
