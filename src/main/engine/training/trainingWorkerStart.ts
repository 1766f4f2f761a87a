import { Worker, type WorkerOptions } from 'node:worker_threads'
import { TRAINING_YOUNG_GENERATION_MB } from '../../../../scripts/trainingHeap.mjs'
import type { TrainingData } from './trainingData'

/**
 * How the worker is started. Under tsx (development, tests) the worker's TypeScript entry is loaded
 * through tsx's ESM hooks, registered inside the new thread before the entry is imported; a built app
 * passes the compiled entry's URL instead.
 */
export interface TrainingHostOptions {
  workerUrl?: URL
  /** The thread died after loading a native backend; only a new process can load it again (tfjs 8388). */
  onNativeThreadLost?: (reason: string) => void
}

export function startWorker(options: TrainingHostOptions): Worker {
  const url =
    options.workerUrl ??
    new URL(import.meta.url.endsWith('.ts') ? './trainingWorker.ts' : './trainingWorker.js', import.meta.url)
  // V8's young generation for training (scripts/trainingHeap.mjs says why).
  const heap: WorkerOptions = { resourceLimits: { maxYoungGenerationSizeMb: TRAINING_YOUNG_GENERATION_MB } }
  if (!url.pathname.endsWith('.ts')) return new Worker(url, heap)
  const tsxApi = import.meta.resolve('tsx/esm/api')
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(boot, { ...heap, eval: true })
}

/** One copy of a dataset's pixels in shared memory per dataset, so later runs on it send nothing big. */
const sharedPixels = new WeakMap<Uint8Array, Uint8Array>()

/** The dataset with its pixels in shared memory: the worker reads them without a copy. */
export function shareable(data: TrainingData): TrainingData {
  if (data.pixels.buffer instanceof SharedArrayBuffer) return data
  let shared = sharedPixels.get(data.pixels)
  if (!shared) {
    shared = new Uint8Array(new SharedArrayBuffer(data.pixels.byteLength))
    shared.set(data.pixels)
    sharedPixels.set(data.pixels, shared)
  }
  return { ...data, pixels: shared }
}
