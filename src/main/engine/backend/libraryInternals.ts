import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import { dirname, join } from 'node:path'
import type { Tensor as OrtTensor, TensorConstructor } from 'onnxruntime-common'

/**
 * Every place the engine reaches past a library's public API, in one file, with the versions it was
 * checked on. Upgrading tfjs or onnxruntime means changing this file (and CHECKED_VERSIONS once the
 * kernel tests pass again); until then the fast kernels are switched off at start, the backend line
 * says why, and test/unit/backend/replacedKernelsActive.test.ts fails.
 *
 * What it needs:
 * - @tensorflow/tfjs-backend-wasm (its BackendWasm class and emscripten module, not exported):
 *   `makeOutput(shape, dtype)` and `typedArrayFromHeap(info)`, so kernels of the app's own write into the
 *   backend's heap and read their inputs in place; `incRef(dataId)`, so Identity shares memory;
 *   `wasm.asm.memory` (single-threaded build) or `wasm.wasmMemory` (threaded build), the memory the app's
 *   SIMD module imports; `wasm.PThread.runningWorkers`, the threaded build's pool, un-referenced; the
 *   threaded build's files in dist/wasm-out (its pthread worker script is written to a file, because Node
 *   refuses the blob: URL tfjs hands it).
 * - @tensorflow/tfjs-core: AdamOptimizer's `accBeta1`, `accBeta2`, `accumulatedFirstMoment`,
 *   `accumulatedSecondMoment` and `incrementIterations()` (FusedAdamOptimizer keeps tfjs's state);
 *   SGDOptimizer's `c` (its learning-rate scalar, which MomentumOptimizer.dispose forgets) and the
 *   `learningRate` field Adam and RMSProp read at every step.
 * - @tensorflow/tfjs-layers: a Conv2D layer's `kernel`, `bias`, `strides`, `padding`, `dilationRate`,
 *   `dataFormat`, `rank` and `activation` fields, and its `call` replaced on the instance (the layers a
 *   training run fuses, see training/fusedConvLayers.ts).
 * - onnxruntime-node: its private `dist/binding` (an InferenceSession whose `run` is synchronous and writes
 *   into preallocated outputs; the public API wraps it in a Promise), `initOrt()`, the Tensor class of its
 *   own copy of onnxruntime-common, and the `com.microsoft.nchwc` operators of its CPU provider.
 * - Globals replaced for the length of one call and then restored: `console.warn` while tfjs initialises a
 *   backend (the only place tfjs says why one failed); `URL.createObjectURL` and `os.cpus` while the
 *   threaded wasm build starts (its worker script URL, and emscripten's cap of threads at cores / 2).
 */
export const CHECKED_VERSIONS = {
  '@tensorflow/tfjs-core': '4.22.0',
  '@tensorflow/tfjs-backend-wasm': '4.22.0',
  '@tensorflow/tfjs-layers': '4.22.0',
  'onnxruntime-node': '1.30.0'
} as const
export type InternalsLibrary = keyof typeof CHECKED_VERSIONS

const require = createRequire(import.meta.url)

/**
 * The installed versions: tfjs's from their version exports, onnxruntime-node's from its package.json (its
 * version export would load the native library, which is only loaded when its kernels are asked for).
 */
export async function installedVersions(): Promise<Record<InternalsLibrary, string>> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  let ort = 'not installed'
  try {
    const manifest = join(dirname(dirname(require.resolve('onnxruntime-node'))), 'package.json')
    ort = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '?'
  } catch {
    // onnxruntime-node missing: its loader says so when its kernels are asked for.
  }
  return {
    '@tensorflow/tfjs-core': tf.version_core,
    '@tensorflow/tfjs-backend-wasm': wasm.version_wasm,
    '@tensorflow/tfjs-layers': tf.version_layers,
    'onnxruntime-node': ort
  }
}

/** One sentence per library whose installed version is not the one these internals were checked on. */
export function versionMismatches(
  installed: Record<InternalsLibrary, string>
): Map<InternalsLibrary, string> {
  const problems = new Map<InternalsLibrary, string>()
  for (const [name, checked] of Object.entries(CHECKED_VERSIONS) as Array<[InternalsLibrary, string]>) {
    if (installed[name] !== checked) {
      problems.set(name, `${name} is ${installed[name]}, but its internals were checked on ${checked}`)
    }
  }
  return problems
}

// ---- tfjs-backend-wasm ----

/** What kernels reading and writing the wasm backend's heap use. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray
  incRef(dataId: tf.DataId): void
  disposeData(dataId: tf.DataId): boolean
}

/** The wasm backend as the kernels that work in its heap see it (kernelFuncs receive it typed as `{}`). */
export const wasmHeap = (backend: object): WasmHeapBackend => backend as WasmHeapBackend

/** A WebAssembly.Memory, as far as this app uses one (Node 20's typings leave WebAssembly out). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer
}

interface EmscriptenModule {
  asm?: { memory?: unknown }
  wasmMemory?: unknown
  PThread?: { runningWorkers?: Array<{ unref?: () => void }> }
}
const emscriptenOf = (backend: object | null): EmscriptenModule | undefined =>
  (backend as { wasm?: EmscriptenModule } | null)?.wasm

/** The wasm backend's WebAssembly.Memory as its emscripten module holds it (unchecked: the caller checks). */
export function wasmMemoryOf(backend: object): unknown {
  const module = emscriptenOf(backend)
  return module?.asm?.memory ?? module?.wasmMemory
}

/** Why the heap access the app's kernels rely on is missing from this backend, or null. */
export function wasmHeapProblem(backend: object): string | null {
  const heap = backend as Partial<Record<keyof WasmHeapBackend, unknown>>
  const missing = (['makeOutput', 'typedArrayFromHeap', 'incRef', 'disposeData'] as const).filter(
    (k) => typeof heap[k] !== 'function'
  )
  return missing.length === 0 ? null : `the wasm backend has no ${missing.join(', ')}`
}

/** Lets the threaded build's workers idle without keeping Node running. */
export function unrefWasmThreadPool(): void {
  for (const worker of emscriptenOf(tf.findBackend('wasm'))?.PThread?.runningWorkers ?? []) worker.unref?.()
}

/** The threaded build's main script and the source of its pthread worker. */
export function threadedWasmScripts(): { mainScript: string; workerContents: string } {
  const wasmOut = join(dirname(dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))), 'wasm-out')
  const worker = require(join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string
  }
  return {
    mainScript: join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js'),
    workerContents: worker.wasmWorkerContents
  }
}

// ---- global functions replaced for one call ----

/**
 * While the threaded build initialises: blob URLs of JavaScript point at `workerFile`, and os.cpus() lists
 * `cores` cores. Returns the function that puts both back.
 */
export function pretendWorkerUrlAndCores(workerFile: string, cores: number): () => void {
  const createObjectURL = URL.createObjectURL
  const cpus = os.cpus
  URL.createObjectURL = (obj: Blob) =>
    obj.type === 'application/javascript' ? workerFile : createObjectURL(obj)
  const sample = cpus()[0] ?? {
    model: 'unknown',
    speed: 0,
    times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 }
  }
  // Emscripten reads only the length of this list.
  os.cpus = () => Array.from({ length: cores }, () => sample)
  return () => {
    URL.createObjectURL = createObjectURL
    os.cpus = cpus
  }
}

/** Runs `fn` with console.warn collected instead of printed. */
export async function collectingWarnings<T>(
  fn: () => Promise<T>
): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = []
  const warn = console.warn
  console.warn = (...parts: unknown[]) => {
    warnings.push(parts.map(String).join(' '))
  }
  try {
    return { result: await fn(), warnings }
  } finally {
    console.warn = warn
  }
}

// ---- onnxruntime-node ----

export interface OrtBindingSession {
  loadModel(buffer: ArrayBuffer, byteOffset: number, byteLength: number, options: object): void
  run(
    feeds: Record<string, OrtTensor>,
    fetches: Record<string, OrtTensor | null>,
    options: object
  ): Record<string, { dims: readonly number[] }>
  dispose(): void
}
export interface OrtBinding {
  InferenceSession: new () => OrtBindingSession
  Tensor: TensorConstructor
}

/** onnxruntime-node's synchronous binding and the Tensor class it was built with; throws when unloadable. */
export function loadOrtBinding(): OrtBinding {
  const module = require('onnxruntime-node/dist/binding') as {
    binding: { InferenceSession: new () => OrtBindingSession }
    initOrt: () => void
  }
  const { Tensor } = createRequire(require.resolve('onnxruntime-node'))('onnxruntime-common') as {
    Tensor: TensorConstructor
  }
  module.initOrt()
  return { InferenceSession: module.binding.InferenceSession, Tensor }
}

/** The operator domain of onnxruntime's blocked (NCHWc) CPU kernels. */
export const ORT_NCHWC_DOMAIN = 'com.microsoft.nchwc'

// ---- tfjs optimizers ----

/** AdamOptimizer's state, private in its typings. */
export interface AdamState {
  accBeta1: tf.Variable
  accBeta2: tf.Variable
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>
  incrementIterations(): void
}
export const adamState = (optimizer: tf.AdamOptimizer): AdamState => optimizer as unknown as AdamState

/** Whether `optimizer` (a fresh AdamOptimizer) has the state FusedAdamOptimizer reads, or why not. */
export function adamStateProblem(optimizer: tf.AdamOptimizer): string | null {
  const s = adamState(optimizer) as Partial<AdamState>
  const ok =
    s.accBeta1 instanceof tf.Variable &&
    s.accBeta2 instanceof tf.Variable &&
    Array.isArray(s.accumulatedFirstMoment) &&
    Array.isArray(s.accumulatedSecondMoment) &&
    typeof s.incrementIterations === 'function'
  return ok ? null : "tfjs's AdamOptimizer no longer keeps its state where FusedAdamOptimizer reads it"
}

/** The learning rate as optimizers keep it: a scalar for SGD and momentum, a field for the rest. */
interface LearningRateHolder {
  learningRate: number
  setLearningRate?: (rate: number) => void
  c?: tf.Scalar
}
export const learningRateHolder = (optimizer: tf.Optimizer): LearningRateHolder =>
  optimizer as unknown as LearningRateHolder

// ---- tfjs-layers ----

/** What a Conv2D layer keeps in fields its typings leave private. */
export interface ConvLayerParts {
  kernel: { read(): tf.Tensor }
  bias: { read(): tf.Tensor } | null
  strides: number[]
  padding: string
  dilationRate: number[]
  dataFormat: string
  rank: number
  /** The class name of its activation: 'relu', 'linear', … */
  activation: string
}

const isPair = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length === 2 && v.every((n) => Number.isInteger(n))

/** A Conv2D layer's parts, or null when `layer` is not one or they are not where tfjs-layers 4.22 keeps them. */
export function convLayerParts(layer: tf.layers.Layer): ConvLayerParts | null {
  if (layer.getClassName() !== 'Conv2D') return null
  const l = layer as unknown as Record<string, unknown>
  const readable = (v: unknown): v is { read(): tf.Tensor } =>
    typeof (v as { read?: unknown } | null)?.read === 'function'
  const activation = (l.activation as { getClassName?: () => string } | undefined)?.getClassName?.()
  if (
    !readable(l.kernel) ||
    !(l.bias === null || readable(l.bias)) ||
    !isPair(l.strides) ||
    !isPair(l.dilationRate) ||
    typeof l.padding !== 'string' ||
    typeof l.dataFormat !== 'string' ||
    typeof l.rank !== 'number' ||
    typeof activation !== 'string'
  ) {
    return null
  }
  return {
    kernel: l.kernel,
    bias: l.bias,
    strides: l.strides,
    padding: l.padding,
    dilationRate: l.dilationRate,
    dataFormat: l.dataFormat,
    rank: l.rank,
    activation
  }
}

/**
 * Gives one single-input layer instance another `call` (what Layer.apply runs); its config, and so every
 * export, stays.
 */
export function replaceLayerCall(
  layer: tf.layers.Layer,
  call: (x: tf.Tensor, kwargs: Record<string, unknown>) => tf.Tensor
): void {
  const replaced = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor => {
    const x = Array.isArray(inputs) ? inputs[0] : inputs
    if (x === undefined) throw new Error(`${layer.name} was called without an input.`)
    return call(x, kwargs)
  }
  ;(layer as unknown as { call: typeof replaced }).call = replaced
}

/** Whether a fresh Conv2D layer with a ReLU has the parts convLayerParts reads, or why not. */
export function convLayerProblem(): string | null {
  const layer = tf.layers.conv2d({ filters: 1, kernelSize: 1, activation: 'relu' })
  layer.build([1, 1, 1, 1])
  try {
    const parts = convLayerParts(layer)
    return parts?.activation === 'relu' && parts.bias !== null && typeof layer.call === 'function'
      ? null
      : "tfjs-layers' Conv2D no longer keeps its kernel, bias, geometry and activation where they were"
  } finally {
    for (const weight of layer.weights) weight.dispose()
  }
}
