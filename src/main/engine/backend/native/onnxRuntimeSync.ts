import type { Tensor as OrtTensor } from 'onnxruntime-common'
import {
  loadOrtBinding,
  type OrtBinding,
  type OrtBindingSession as BindingSession
} from '../libraryInternals'

/*
 * onnxruntime-node's own binding (see libraryInternals) is used because it runs a session synchronously: a
 * tfjs kernel must return its output before it returns, and the package's public `InferenceSession.run`
 * only wraps this same call in a Promise.
 */

/** A float32 operand: a view (possibly of wasm memory) and its dimensions. */
export interface NativeOperand {
  data: Float32Array
  dims: number[]
}

export interface NativeSession {
  /** Runs the graph; `outputs` maps each output name to a preallocated array it is written into. */
  run(inputs: Record<string, NativeOperand>, outputs: Record<string, NativeOperand>): void
}

/**
 * The binding refuses views of a SharedArrayBuffer (the memory of threaded wasm), so those are
 * copied; views of ordinary memory are handed over as they are.
 */
const isShared = (x: Float32Array): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && x.buffer instanceof SharedArrayBuffer
const unshared = (x: Float32Array): Float32Array => (isShared(x) ? x.slice() : x)

/**
 * Sessions kept, each with its own memory arena. A training step uses about ten, a last partial
 * batch and inference a few more each; this bound keeps those and caps the memory held.
 */
const MAX_SESSIONS = 32

/**
 * onnxruntime's CPU kernels (MLAS: AVX-512/AVX2/NEON, its own thread pool) behind a synchronous
 * call. Sessions are built once per graph key and kept, least recently used dropped first.
 */
export class NativeRuntime {
  private readonly sessions = new Map<string, BindingSession>()
  private block: number | null | undefined

  private readonly Tensor: OrtBinding['Tensor']

  constructor(
    private readonly binding: OrtBinding,
    readonly threads: number
  ) {
    this.Tensor = binding.Tensor
  }

  session(key: string, build: () => Uint8Array): NativeSession {
    let session = this.sessions.get(key)
    if (session === undefined) {
      session = this.load(build())
      this.sessions.set(key, session)
      if (this.sessions.size > MAX_SESSIONS) {
        const [oldestKey, oldest] = this.sessions.entries().next().value as [string, BindingSession]
        oldest.dispose()
        this.sessions.delete(oldestKey)
      }
    } else {
      // Re-insert so iteration order is least recently used first.
      this.sessions.delete(key)
      this.sessions.set(key, session)
    }
    const bound = session
    return {
      run: (inputs, outputs) => {
        const feeds: Record<string, OrtTensor> = {}
        for (const [name, x] of Object.entries(inputs)) {
          feeds[name] = new this.Tensor('float32', unshared(x.data), x.dims)
        }
        const fetches: Record<string, OrtTensor> = {}
        const copyBack: Array<[Float32Array, Float32Array]> = []
        for (const [name, y] of Object.entries(outputs)) {
          const target = isShared(y.data) ? new Float32Array(y.data.length) : y.data
          if (target !== y.data) copyBack.push([y.data, target])
          fetches[name] = new this.Tensor('float32', target, y.dims)
        }
        bound.run(feeds, fetches, {})
        for (const [view, result] of copyBack) view.set(result)
      }
    }
  }

  /**
   * MLAS's NCHWc block for this CPU (16 with AVX-512, 8 with AVX2), or null where onnxruntime has no
   * blocked kernels (they are then not used). Probed once, by running a reorder and reading its shape.
   */
  nchwcBlock(probe: () => Uint8Array): number | null {
    if (this.block === undefined) {
      try {
        const session = this.load(probe())
        try {
          const x = new this.Tensor('float32', new Float32Array(4), [1, 1, 1, 4])
          const dims = session.run({ x }, { y: null }, {}).y?.dims ?? []
          const block = Number(dims[1])
          this.block = Number.isInteger(block) && block >= 4 ? block : null
        } finally {
          session.dispose()
        }
      } catch {
        this.block = null
      }
    }
    return this.block
  }

  dispose(): void {
    for (const session of this.sessions.values()) session.dispose()
    this.sessions.clear()
  }

  private load(model: Uint8Array): BindingSession {
    const session = new this.binding.InferenceSession()
    session.loadModel(model.buffer as ArrayBuffer, model.byteOffset, model.byteLength, {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Each session keeps its buffers between runs (about 600 MB for the lecture network at batch 128).
      // Without that arena every run maps fresh memory: 340–360 against 460–540 images/s.
      enableCpuMemArena: true,
      // Idle pool threads would otherwise spin between calls and take the cores the wasm
      // kernels of the same step need.
      extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } }
    })
    return session
  }
}

export type NativeRuntimeLoad = { ok: true; runtime: NativeRuntime } | { ok: false; reason: string }

/** Loads onnxruntime-node's binding; never throws, a failure comes back with its reason. */
export function loadNativeRuntime(threads: number): NativeRuntimeLoad {
  try {
    return { ok: true, runtime: new NativeRuntime(loadOrtBinding(), threads) }
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err)
    return { ok: false, reason: `onnxruntime-node could not be loaded: ${message}` }
  }
}
