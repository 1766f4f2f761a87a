import * as tf from '@tensorflow/tfjs'
import './tfjsGreeting'
import { BACKEND_PACKAGE, DEFAULT_LOADERS } from './backendLoaders'
import { runSelfCheck } from './backendSelfCheck'
import {
  BACKEND_ORDER,
  TF_BACKEND_NAME,
  type BackendAttempt,
  type BackendChoice,
  type BackendLoader,
  type BackendName
} from './backendTypes'
import type { KernelLayer } from './kernelLayers'
import {
  collectingWarnings,
  installedVersions,
  versionMismatches,
  type InternalsLibrary
} from './libraryInternals'
import { INTERNALS_NEEDED, missingInternals } from './internalsChecklist'
import { BackendUnavailableError, describeLoadFailure } from './loadFailureReason'
import { describeWasmRuntime } from './wasmRuntimeInfo'
import { registerFusedConvGradient } from './fusedConvGradient'
import { registerWasmKernels } from './registerWasmKernels'
import { prepareWasmThreadsInNode } from './wasmThreadsInNode'
import type { NativeRuntimeLoad } from './native/onnxRuntimeSync'
import { nativeConvBlock, nativeKernelRuntime, registerNativeKernels } from './native/registerNativeKernels'
import { simdKernelsProblem } from './simd/simdKernels'

export type { BackendAttempt, BackendChoice, BackendName } from './backendTypes'

export interface SelectBackendOptions {
  /** Use only this backend; fail if it cannot be used. */
  force?: BackendName
  /** Try only these, in the usual order (default: all of BACKEND_ORDER). */
  only?: readonly BackendName[]
  /** Replacement loaders (the real ones are the default). */
  loaders?: Partial<Record<BackendName, BackendLoader>>
  /**
   * Threads for the wasm backend, or how many given whether onnxruntime's kernels loaded. Node gets the
   * single-threaded build unless this is above 1; see prepareWasmThreadsInNode for what that takes.
   */
  wasmThreads?: number | ((nativeKernels: boolean) => number)
  /**
   * onnxruntime, to compute the wasm backend's convolutions and matrix products with native kernels
   * (or why it could not be loaded, for the report). A function is called only when wasm is tried, so a
   * machine where tfjs-node wins never loads onnxruntime. Absent: wasm's own kernels.
   */
  native?: NativeRuntimeLoad | (() => NativeRuntimeLoad)
}

/**
 * tf.setBackend reports a failed initialisation only as `false` and prints the cause with
 * console.warn; the cause is what a person needs, so it is caught on the way past.
 */
async function activate(tfBackend: string): Promise<void> {
  if (tf.findBackendFactory(tfBackend) === null) {
    throw new BackendUnavailableError(`no '${tfBackend}' backend is registered with tfjs`)
  }
  const { result: ok, warnings } = await collectingWarnings(() => tf.setBackend(tfBackend))
  if (!ok) {
    // The first warning is the root cause; emscripten repeats it wrapped in "Aborted(…)".
    const first = warnings.find((w) => !w.startsWith('Initialization of backend')) ?? ''
    const cause = (first.split('\n')[0] ?? '').replace(/^Aborted\((.*)\)$/, '$1')
    throw new BackendUnavailableError(`initialisation failed${cause === '' ? '' : `: ${cause}`}`)
  }
}

type NativeOutcome = Pick<BackendChoice, 'nativeKernels' | 'nativeKernelsUnavailable'>

/** Registers onnxruntime's kernels on wasm, each checked against the cpu backend; a failure leaves wasm's own. */
function attachNativeKernels(
  native: NativeRuntimeLoad,
  unusable: Unusable
): NativeOutcome & { layers: KernelLayer[] } {
  if (!native.ok) return { nativeKernelsUnavailable: native.reason, layers: [] }
  const needed: InternalsLibrary[] = ['onnxruntime-node', '@tensorflow/tfjs-backend-wasm']
  const missing = unusable.missing.find((m) => needed.includes(m.library))
  const mismatch =
    unusable.mismatches.get('onnxruntime-node') ??
    unusable.mismatches.get('@tensorflow/tfjs-backend-wasm') ??
    (missing === undefined ? undefined : `${missing.library} lacks ${missing.problem}`)
  if (mismatch !== undefined) {
    return { nativeKernelsUnavailable: `onnxruntime's kernels are not used (${mismatch})`, layers: [] }
  }
  const layers = registerNativeKernels(native.runtime)
  if (nativeKernelRuntime() === null) {
    return {
      nativeKernelsUnavailable:
        "onnxruntime's kernels differ from tfjs's cpu backend on this machine; wasm's own are used",
      layers
    }
  }
  const block = nativeConvBlock()
  // Training through the fused convolution reads tfjs-layers' Conv2D internals.
  const fusedConvTraining = !unusableLibraries(unusable).has('@tensorflow/tfjs-layers')
  if (fusedConvTraining) registerFusedConvGradient()
  return {
    nativeKernels: {
      threads: native.runtime.threads,
      ...(block === null ? {} : { nchwcBlock: block }),
      ...(fusedConvTraining ? { fusedConvTraining } : {})
    },
    layers
  }
}

function resolveNative(native: SelectBackendOptions['native']): NativeRuntimeLoad | undefined {
  return typeof native === 'function' ? native() : native
}

interface Attempted {
  attempt: BackendAttempt
  layers: KernelLayer[]
}

/**
 * Why each library's internals may not be used: its version (known before loading) and, once the wasm
 * backend is up, what of the internals list is missing. Kernels relying on a library named here are left out.
 */
interface Unusable {
  mismatches: Map<InternalsLibrary, string>
  missing: Array<{ library: InternalsLibrary; problem: string }>
}

const unusableLibraries = (u: Unusable): Set<InternalsLibrary> =>
  new Set([...u.mismatches.keys(), ...u.missing.map((m) => m.library)])

async function attempt(
  name: BackendName,
  loader: BackendLoader,
  wasmThreads: number,
  unusable: Unusable
): Promise<Attempted> {
  const started = performance.now()
  let layers: KernelLayer[] = []
  try {
    await loader()
    // Threads in Node rely on the wasm build's internals too.
    const threaded =
      name === 'wasm' && wasmThreads > 1 && !unusable.mismatches.has('@tensorflow/tfjs-backend-wasm')
    const restore = threaded ? await prepareWasmThreadsInNode(wasmThreads) : undefined
    try {
      await activate(TF_BACKEND_NAME[name])
    } finally {
      restore?.()
    }
    if (name === 'wasm') {
      unusable.missing.push(...missingInternals(tf.backend()))
      layers = registerWasmKernels(unusableLibraries(unusable))
    }
    runSelfCheck()
    return { attempt: { name, ok: true, ms: performance.now() - started }, layers }
  } catch (err) {
    const reason = describeLoadFailure(name, BACKEND_PACKAGE[name], err)
    return { attempt: { name, ok: false, reason, ms: performance.now() - started }, layers }
  }
}

/**
 * Picks the fastest backend that loads and computes correctly: tfjs-node-gpu, tfjs-node, wasm,
 * then the pure-JS cpu backend. Every attempt is returned with its reason, so a slow fallback
 * is never silent. The chosen backend is active (`tf.getBackend()`) when this resolves.
 */
export async function selectBackend(opts: SelectBackendOptions = {}): Promise<BackendChoice> {
  const order =
    opts.force !== undefined
      ? [opts.force]
      : BACKEND_ORDER.filter((name) => opts.only?.includes(name) ?? true)
  const attempts: BackendAttempt[] = []
  for (const name of order) {
    const native = name === 'wasm' ? resolveNative(opts.native) : undefined
    const threads =
      typeof opts.wasmThreads === 'function' ? opts.wasmThreads(native?.ok === true) : opts.wasmThreads
    const versions = name === 'wasm' ? await installedVersions() : null
    const unusable: Unusable = {
      mismatches: versions === null ? new Map<InternalsLibrary, string>() : versionMismatches(versions),
      missing: []
    }
    const loader = opts.loaders?.[name] ?? DEFAULT_LOADERS[name]
    const tried = await attempt(name, loader, threads ?? 1, unusable)
    attempts.push(tried.attempt)
    if (!tried.attempt.ok) continue
    const choice: BackendChoice = { name, tfBackend: tf.getBackend(), attempts }
    if (name !== 'wasm') return choice
    const { layers: nativeLayers, ...nativeOutcome } =
      native === undefined ? { layers: [] } : attachNativeKernels(native, unusable)
    const simdProblem = simdKernelsProblem(tf.backend())
    return {
      ...choice,
      ...(await describeWasmRuntime()),
      ...nativeOutcome,
      ...(simdProblem === null ? {} : { simdKernelsUnavailable: simdProblem }),
      kernels: [...tried.layers, ...nativeLayers].map((l) => ({
        name: l.kernelName,
        by: l.by,
        problem: l.checked ?? null
      })),
      internals: {
        versions: versions ?? {},
        mismatches: [...unusable.mismatches.values()],
        needed: INTERNALS_NEEDED.length,
        missing: unusable.missing.map((m) => `${m.library.replace('@tensorflow/', '')}: ${m.problem}`)
      }
    }
  }
  if (opts.force !== undefined) {
    throw new Error(
      `The compute backend '${opts.force}' was requested but cannot be used. ${attempts[0]?.reason ?? ''}`.trim()
    )
  }
  throw new Error(`No compute backend could be used. ${attempts.map((a) => a.reason ?? a.name).join('. ')}`)
}

export { describeBackendChoice, summarizeBackendChoice, type BackendSummary } from './describeBackend'
