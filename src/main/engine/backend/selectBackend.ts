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
import { BackendUnavailableError, describeLoadFailure } from './loadFailureReason'
import { describeWasmRuntime } from './wasmRuntimeInfo'
import { registerWasmKernels } from './registerWasmKernels'
import { prepareWasmThreadsInNode } from './wasmThreadsInNode'
import type { NativeRuntimeLoad } from './native/onnxRuntimeSync'
import { registerNativeKernels } from './native/registerNativeKernels'
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
  const warnings: string[] = []
  const warn = console.warn
  console.warn = (...parts: unknown[]) => {
    warnings.push(parts.map(String).join(' '))
  }
  let ok: boolean
  try {
    ok = await tf.setBackend(tfBackend)
  } finally {
    console.warn = warn
  }
  if (!ok) {
    // The first warning is the root cause; emscripten repeats it wrapped in "Aborted(…)".
    const first = warnings.find((w) => !w.startsWith('Initialization of backend')) ?? ''
    const cause = (first.split('\n')[0] ?? '').replace(/^Aborted\((.*)\)$/, '$1')
    throw new BackendUnavailableError(`initialisation failed${cause === '' ? '' : `: ${cause}`}`)
  }
}

type NativeOutcome = Pick<BackendChoice, 'nativeKernels' | 'nativeKernelsUnavailable'>

/** Registers onnxruntime's kernels on wasm after the same self-check; a failure leaves wasm's own. */
function attachNativeKernels(native: NativeRuntimeLoad): NativeOutcome {
  if (!native.ok) return { nativeKernelsUnavailable: native.reason }
  try {
    registerNativeKernels(native.runtime, { check: runSelfCheck })
    return { nativeKernels: { threads: native.runtime.threads } }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return { nativeKernelsUnavailable: `onnxruntime's kernels failed the self-check (${why})` }
  }
}

function resolveNative(native: SelectBackendOptions['native']): NativeRuntimeLoad | undefined {
  return typeof native === 'function' ? native() : native
}

async function attempt(name: BackendName, loader: BackendLoader, wasmThreads = 1): Promise<BackendAttempt> {
  const started = performance.now()
  try {
    await loader()
    const restore =
      name === 'wasm' && wasmThreads > 1 ? await prepareWasmThreadsInNode(wasmThreads) : undefined
    try {
      await activate(TF_BACKEND_NAME[name])
    } finally {
      restore?.()
    }
    if (name === 'wasm') registerWasmKernels()
    runSelfCheck()
    return { name, ok: true, ms: performance.now() - started }
  } catch (err) {
    return {
      name,
      ok: false,
      reason: describeLoadFailure(name, BACKEND_PACKAGE[name], err),
      ms: performance.now() - started
    }
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
    const result = await attempt(name, opts.loaders?.[name] ?? DEFAULT_LOADERS[name], threads)
    attempts.push(result)
    if (!result.ok) continue
    const choice: BackendChoice = { name, tfBackend: tf.getBackend(), attempts }
    if (name !== 'wasm') return choice
    const kernels = native === undefined ? {} : attachNativeKernels(native)
    const simdProblem = simdKernelsProblem(tf.backend())
    return {
      ...choice,
      ...(await describeWasmRuntime()),
      ...kernels,
      ...(simdProblem === null ? {} : { simdKernelsUnavailable: simdProblem })
    }
  }
  if (opts.force !== undefined) {
    throw new Error(
      `The compute backend '${opts.force}' was requested but cannot be used. ${attempts[0]?.reason ?? ''}`.trim()
    )
  }
  throw new Error(`No compute backend could be used. ${attempts.map((a) => a.reason ?? a.name).join('. ')}`)
}

/** What the `engine.backend` route and `doctor` report of a choice. */
export interface BackendSummary {
  name: BackendName
  description: string
  attempts: BackendAttempt[]
  simd?: boolean
  threads?: number
  nativeKernelThreads?: number
  nativeKernelsUnavailable?: string
  simdKernelsUnavailable?: string
}

export function summarizeBackendChoice(choice: BackendChoice): BackendSummary {
  return {
    name: choice.name,
    description: describeBackendChoice(choice),
    attempts: choice.attempts,
    ...(choice.simd === undefined ? {} : { simd: choice.simd }),
    ...(choice.threads === undefined ? {} : { threads: choice.threads }),
    ...(choice.nativeKernels ? { nativeKernelThreads: choice.nativeKernels.threads } : {}),
    ...(choice.nativeKernelsUnavailable ? { nativeKernelsUnavailable: choice.nativeKernelsUnavailable } : {}),
    ...(choice.simdKernelsUnavailable ? { simdKernelsUnavailable: choice.simdKernelsUnavailable } : {})
  }
}

/** One line for the log and the status bar, e.g. "Computing on wasm (SIMD, 1 thread); tfjs-node: not installed …". */
export function describeBackendChoice(choice: BackendChoice): string {
  const details: string[] = []
  if (choice.simd !== undefined) details.push(choice.simd ? 'SIMD' : 'no SIMD')
  if (choice.threads !== undefined) details.push(`${choice.threads} thread${choice.threads === 1 ? '' : 's'}`)
  const native = choice.nativeKernels
  const kernels = native
    ? `; convolutions and matrix products on onnxruntime's native CPU kernels (${native.threads} thread${native.threads === 1 ? '' : 's'})`
    : ''
  const head = `Computing on ${choice.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}${kernels}`
  const skipped = choice.attempts.filter((a) => !a.ok).map((a) => a.reason ?? a.name)
  if (choice.nativeKernelsUnavailable !== undefined) skipped.push(choice.nativeKernelsUnavailable)
  if (choice.simdKernelsUnavailable !== undefined) skipped.push(choice.simdKernelsUnavailable)
  return skipped.length === 0 ? head : `${head}; ${skipped.join('; ')}`
}
