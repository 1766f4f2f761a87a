import * as tf from '@tensorflow/tfjs'
import type { InternalsLibrary } from './libraryInternals'
import type { KernelFunc } from './wasmKernelCalls'

/**
 * The wasm backend's kernels the app replaced, as layers over tfjs's own: each replacement wraps the
 * kernel below it and hands it the cases it does not take (onnxruntime's kernels over the app's wasm
 * compositions over the stock kernels). A layer that fails its check at start is taken off again.
 */

export interface KernelLayer {
  kernelName: string
  /** What computes it, for the backend line: "onnxruntime", "wasm SIMD", … */
  by: string
  /** The libraries whose internals (libraryInternals.ts) this layer relies on. */
  needs: readonly InternalsLibrary[]
  config: tf.KernelConfig
  /** The kernel it was put over (undefined: the stock backend had none). */
  below: tf.KernelConfig | undefined
  /** Its check against tfjs's cpu backend, once run: null when it matched, else what was wrong. */
  checked?: string | null
}

const stacks = new Map<string, KernelLayer[]>()

/**
 * Puts `make(below)` over the kernel registered on wasm under `name`; `below` is undefined when there is
 * none. The stock config's other fields stay (its setupFunc binds the C++ entry point when the backend
 * initialises, so this also works before `tf.setBackend('wasm')`).
 */
export function addKernelLayer(
  kernelName: string,
  by: string,
  needs: readonly InternalsLibrary[],
  make: (below: KernelFunc | undefined) => KernelFunc
): KernelLayer {
  const below = tf.getKernel(kernelName, 'wasm')
  if (below !== undefined) tf.unregisterKernel(kernelName, 'wasm')
  const config: tf.KernelConfig = {
    ...(below ?? { kernelName, backendName: 'wasm' }),
    kernelFunc: make(below?.kernelFunc)
  }
  tf.registerKernel(config)
  const layer: KernelLayer = { kernelName, by, needs, config, below }
  stacks.set(kernelName, [...(stacks.get(kernelName) ?? []), layer])
  return layer
}

/** Takes `layer` (the top of its kernel's stack) off, putting back the kernel it covered. */
export function removeKernelLayer(layer: KernelLayer): void {
  const stack = stacks.get(layer.kernelName) ?? []
  if (stack.at(-1) !== layer) throw new Error(`${layer.kernelName}: only the top layer can be taken off.`)
  stack.pop()
  tf.unregisterKernel(layer.kernelName, 'wasm')
  if (layer.below !== undefined) tf.registerKernel(layer.below)
}

/** The layer each replaced kernel runs on now (its top one), by kernel name. */
export function activeKernelLayers(): KernelLayer[] {
  return [...stacks.values()].flatMap((stack) => stack.slice(-1))
}
