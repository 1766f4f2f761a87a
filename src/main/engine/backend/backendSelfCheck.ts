import * as tf from '@tensorflow/tfjs'
import { BackendUnavailableError } from './loadFailureReason'

/**
 * A few tiny computations with known answers, run on the active backend before it is trusted:
 * a backend can load and still be broken (a wrong wasm binary, a mismatched native library, a
 * missing gradient kernel), and that should surface here, not in the middle of training.
 */
interface Check {
  what: string
  expected: number[]
  compute: () => tf.Tensor
}

// x = 1..9 as a 3x3 image, w = [[1,2],[3,4]] as a 2x2 filter, 'valid' padding.
const image = (): tf.Tensor4D => tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
const filter = (): tf.Tensor4D => tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1])

const CHECKS: Check[] = [
  {
    what: '2×2 matMul',
    expected: [19, 22, 43, 50],
    compute: () => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]))
  },
  {
    what: '3×3 conv2d with a 2×2 filter',
    expected: [37, 47, 67, 77],
    compute: () => tf.conv2d(image(), filter(), 1, 'valid')
  },
  {
    what: 'conv2d filter gradient',
    expected: [12, 16, 24, 28],
    compute: () => tf.grad((w: tf.Tensor) => tf.conv2d(image(), w as tf.Tensor4D, 1, 'valid').sum())(filter())
  },
  {
    what: 'conv2d input gradient',
    expected: [1, 3, 2, 4, 10, 6, 3, 7, 4],
    compute: () => tf.grad((x: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter(), 1, 'valid').sum())(image())
  }
]

function close(got: ArrayLike<number>, expected: number[]): boolean {
  return (
    got.length === expected.length &&
    expected.every((e, i) => Math.abs((got[i] ?? NaN) - e) <= 1e-4 * (1 + Math.abs(e)))
  )
}

/** Throws a BackendUnavailableError naming the first computation that came out wrong. */
export function runSelfCheck(): void {
  for (const check of CHECKS) {
    let got: Float32Array | Int32Array | Uint8Array
    try {
      got = tf.tidy(() => check.compute().dataSync())
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      throw new BackendUnavailableError(`self-check failed: ${check.what} threw "${message.split('\n')[0]}"`)
    }
    if (!close(got, check.expected)) {
      throw new BackendUnavailableError(
        `self-check failed: ${check.what} gave [${Array.from(got).join(', ')}] instead of [${check.expected.join(', ')}]`
      )
    }
  }
}
