import * as tf from '@tensorflow/tfjs'
import type { BackpropAnswer, BackpropRequest } from '../../../shared/lab'
import { tidyNumber } from './labWindows'

/**
 * The lecture's backpropagation example: a 2×2 filter w over a 3×3 input x (valid, stride 1) gives
 * h_ij = Σ_ab x_(i+a)(j+b) · w_ab; for a chosen ∂L/∂h, ∂L/∂w_ab = Σ_ij ∂L/∂h_ij · x_(i+a)(j+b). The
 * gradient itself comes from tfjs's autodiff through tf.conv2d, as in training; the written-out terms
 * show where each of its numbers comes from.
 */
export function labBackprop(request: BackpropRequest): BackpropAnswer {
  const { input, filter, gradOutput } = request
  const read = { forward: [] as number[][], gradFilter: [] as number[][] }
  tf.tidy(() => {
    const x = tf.tensor4d(input.flat(), [1, 3, 3, 1])
    const w = tf.tensor4d(filter.flat(), [2, 2, 1, 1])
    const dh = tf.tensor4d(gradOutput.flat(), [1, 2, 2, 1])
    read.forward = tf.conv2d(x, w, 1, 'valid').reshape([2, 2]).arraySync() as number[][]
    // L = Σ ∂L/∂h_ij · h_ij has exactly the chosen ∂L/∂h as its gradient with respect to h.
    const dw = tf.grad((kernel: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(x, kernel as tf.Tensor4D, 1, 'valid'), dh))
    )(w)
    read.gradFilter = dw.reshape([2, 2]).arraySync() as number[][]
  })
  const { forward, gradFilter } = read
  const terms = [0, 1].flatMap((a) =>
    [0, 1].map((b) => {
      const parts = [0, 1].flatMap((i) =>
        [0, 1].map((j) => ({
          h: [i, j] as [number, number],
          x: [i + a, j + b] as [number, number],
          grad: gradOutput[i]![j]!,
          input: input[i + a]![j + b]!
        }))
      )
      return { row: a, col: b, parts, sum: tidyNumber(gradFilter[a]![b]!) }
    })
  )
  return {
    forward: forward.map((row) => row.map(tidyNumber)),
    gradFilter: gradFilter.map((row) => row.map(tidyNumber)),
    terms
  }
}
