import * as tf from '@tensorflow/tfjs'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import {
  adamStateProblem,
  convLayerProblem,
  learningRateHolder,
  threadedWasmScripts,
  wasmHeapProblem,
  wasmMemoryOf,
  type InternalsLibrary
} from './libraryInternals'

/**
 * The list of what libraryInternals.ts takes from each library past its public API, each with a probe run
 * when the wasm backend is chosen. A version check alone would miss a patched or hand-edited install, and
 * a probe alone would miss a change in behaviour; the two together decide which kernels may be used.
 */

interface InternalNeed {
  library: InternalsLibrary
  /** What is needed, in words for the backend line. */
  what: string
  /** Why it is not there on `backend` (the initialised wasm backend), or null when it is. */
  problem: (backend: object) => string | null
}

const require = createRequire(import.meta.url)

/** Runs `probe`, turning a throw into its first line. */
function attempt(probe: () => string | null): string | null {
  try {
    return probe()
  } catch (err) {
    return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'failed'
  }
}

function isMemory(memory: unknown): boolean {
  const buffer = (memory as { buffer?: unknown } | undefined)?.buffer
  return (
    buffer instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer)
  )
}

/** A fresh optimizer, asked `probe`, then disposed (its constructor keeps variables). */
function withOptimizer<T extends tf.Optimizer>(make: () => T, probe: (o: T) => string | null): string | null {
  const optimizer = make()
  try {
    return probe(optimizer)
  } finally {
    optimizer.dispose()
  }
}

export const INTERNALS_NEEDED: readonly InternalNeed[] = [
  {
    library: '@tensorflow/tfjs-backend-wasm',
    what: "the backend's makeOutput, typedArrayFromHeap, incRef and disposeData",
    problem: (backend) => wasmHeapProblem(backend)
  },
  {
    library: '@tensorflow/tfjs-backend-wasm',
    what: "emscripten's WebAssembly memory",
    problem: (backend) =>
      isMemory(wasmMemoryOf(backend)) ? null : 'the wasm backend does not expose its memory where it did'
  },
  {
    library: '@tensorflow/tfjs-backend-wasm',
    what: "the threaded build's script and pthread worker source",
    problem: () =>
      attempt(() => {
        const { mainScript, workerContents } = threadedWasmScripts()
        return existsSync(mainScript) && workerContents.length > 0
          ? null
          : "the threaded build's files are not where they were"
      })
  },
  {
    library: '@tensorflow/tfjs-core',
    what: "AdamOptimizer's moments, beta powers and incrementIterations",
    problem: () => withOptimizer(() => new tf.AdamOptimizer(0.01, 0.9, 0.999), adamStateProblem)
  },
  {
    library: '@tensorflow/tfjs-core',
    what: "SGDOptimizer's learning-rate scalar `c` and the optimizers' `learningRate` field",
    problem: () =>
      withOptimizer(
        () => new tf.SGDOptimizer(0.01),
        (sgd) => {
          const holder = learningRateHolder(sgd)
          return holder.c instanceof tf.Tensor && holder.learningRate === 0.01
            ? null
            : "tfjs's SGDOptimizer no longer keeps its learning rate in `c` and `learningRate`"
        }
      )
  },
  {
    library: '@tensorflow/tfjs-layers',
    what: "Conv2D's kernel, bias, geometry and activation fields, and a replaceable call",
    problem: () => attempt(convLayerProblem)
  },
  {
    library: 'onnxruntime-node',
    what: 'its private dist/binding (synchronous run into preallocated outputs)',
    // Resolved, not loaded: loading the native library waits until its kernels are asked for.
    problem: () => attempt(() => (require.resolve('onnxruntime-node/dist/binding') ? null : 'missing'))
  },
  {
    library: '@tensorflow/tfjs-backend-wasm',
    what: 'replaceable URL.createObjectURL, os.cpus and console.warn for one call',
    problem: () => {
      const replaceable = (holder: object, key: string): boolean => {
        const d = Object.getOwnPropertyDescriptor(holder, key)
        return d !== undefined && (d.writable === true || d.set !== undefined)
      }
      return replaceable(URL, 'createObjectURL') && replaceable(os, 'cpus') && replaceable(console, 'warn')
        ? null
        : 'URL.createObjectURL, os.cpus or console.warn cannot be replaced here'
    }
  }
]

/** Every need whose probe fails on `backend`, as "library: what (why)". */
export function missingInternals(backend: object): Array<{ library: InternalsLibrary; problem: string }> {
  return INTERNALS_NEEDED.flatMap((need) => {
    const problem = attempt(() => need.problem(backend))
    return problem === null ? [] : [{ library: need.library, problem: `${need.what} (${problem})` }]
  })
}
