import { BACKEND_NAMES, type BackendName } from '../../../shared/computeBackends'

export type { BackendName } from '../../../shared/computeBackends'

/** The compute backends the engine can train on, fastest first. */
export const BACKEND_ORDER: readonly BackendName[] = BACKEND_NAMES

/** The name each backend registers under in tfjs (`tf.getBackend()`). */
export const TF_BACKEND_NAME: Readonly<Record<BackendName, string>> = {
  'tfjs-node-gpu': 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu'
}

/** One try at a backend; `reason` is a sentence a person can act on, prefixed with the backend name. */
export interface BackendAttempt {
  name: BackendName
  ok: boolean
  reason?: string
  ms: number
}

export interface BackendChoice {
  name: BackendName
  /** What `tf.getBackend()` now returns. */
  tfBackend: string
  /** Every backend that was tried, in order, including the chosen one. */
  attempts: BackendAttempt[]
  /** wasm only: XNNPACK threads in use. */
  threads?: number
  /** wasm only: whether the SIMD build was loaded. */
  simd?: boolean
  /**
   * wasm only: onnxruntime's CPU kernels compute convolutions and matrix products, on this many threads;
   * `nchwcBlock`: the channel block of its blocked convolutions, when they are used; `fusedConvTraining`:
   * convolutions with a bias and a ReLU train as one FusedConv2D kernel (training/fusedConvLayers.ts).
   */
  nativeKernels?: { threads: number; nchwcBlock?: number; fusedConvTraining?: boolean }
  /** wasm only: why onnxruntime's kernels were asked for but are not used. */
  nativeKernelsUnavailable?: string
  /** wasm only: why the app's SIMD kernels (Adam's update, max-pool gradients) cannot run, so tfjs's are used. */
  simdKernelsUnavailable?: string
  /** wasm only: every kernel the app replaced, and its check against tfjs's cpu backend (null: it matched). */
  kernels?: Array<{ name: string; by: string; problem: string | null }>
  /**
   * wasm only: the versions of the libraries whose internals the app uses and those not checked; how many
   * internals the app needs (internalsChecklist.ts) and those missing here.
   */
  internals?: { versions: Record<string, string>; mismatches: string[]; needed?: number; missing?: string[] }
}

/** Loads a backend's code and registers it with tfjs; throws when it cannot. */
export type BackendLoader = () => Promise<void>
