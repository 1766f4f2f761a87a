import * as tf from '@tensorflow/tfjs'
import type { TrainingProgress } from '../../../shared/training'

/** What progress events report about memory: live tensors, the process's resident size, GPU bytes if any. */
export function memorySnapshot(): TrainingProgress['memory'] {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number }
  return {
    numTensors: memory.numTensors,
    rssBytes: process.memoryUsage.rss(),
    ...(memory.numBytesInGPU !== undefined ? { gpuBytes: memory.numBytesInGPU } : {})
  }
}

/**
 * Every epoch must end with as many tensors as the first one of the session did (the first creates the
 * optimizer's state); a count that moves is a leak, reported once per change.
 */
export class TensorCountGuard {
  private baseline: number | null = null

  /** A sentence for the user when the count moved, else null. */
  check(epoch: number): string | null {
    const count = tf.memory().numTensors
    if (this.baseline === null || count === this.baseline) {
      this.baseline = count
      return null
    }
    const message = `Tensor leak: ${count} tensors after epoch ${epoch}, ${this.baseline} after the first epoch of this session.`
    this.baseline = count
    console.warn(message)
    return message
  }
}
