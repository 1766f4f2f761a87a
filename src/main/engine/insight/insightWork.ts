import * as tf from '@tensorflow/tfjs'
import type { ProgressUpdate } from '../operations'

/** What long inspector work is given: a cancel signal and a progress callback (both optional for the CLI). */
export interface InsightContext {
  signal?: AbortSignal
  onProgress?: (p: ProgressUpdate) => void
}

/**
 * Between two steps of the work: lets the engine read its messages (an `op.cancel` among them) and
 * stops here when the work was cancelled.
 */
export async function checkpoint(ctx: InsightContext): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
  if (ctx.signal?.aborted) {
    const error = new Error('Cancelled.')
    error.name = 'AbortError'
    throw error
  }
}

/**
 * tf.tidy for work that returns plain values (arrays read with dataSync, numbers): every tensor made
 * inside is disposed, and the plain result comes out (tf.tidy itself only returns tensors).
 */
export function tidyValues<T>(work: () => T): T {
  const box: { value?: T } = {}
  tf.tidy(() => {
    box.value = work()
  })
  return box.value as T
}
