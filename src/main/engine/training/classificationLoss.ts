import * as tf from '@tensorflow/tfjs'
import type { NetworkSpec } from '../../../shared/network'

/** Whether the network ends in a softmax (its outputs are probabilities) or in raw scores. */
export type OutputKind = 'probabilities' | 'logits'

export function outputKind(spec: NetworkSpec): OutputKind {
  const last = spec.layers[spec.layers.length - 1]
  const activation = last && 'activation' in last ? last.activation : undefined
  return activation === 'softmax' ? 'probabilities' : 'logits'
}

const EPSILON = 1e-7

/** Class probabilities from the network's output. */
export function toProbabilities(output: tf.Tensor2D, kind: OutputKind): tf.Tensor2D {
  return kind === 'probabilities' ? output : tf.softmax(output)
}

/**
 * Per-sample softmax cross-entropy. For a softmax output the probabilities are clipped to [1e-7, 1 − 1e-7]
 * first, as Keras does, so a confident mistake costs a large but finite loss.
 */
export function crossEntropyPerSample(
  output: tf.Tensor2D,
  labels: tf.Tensor1D,
  kind: OutputKind
): tf.Tensor1D {
  return tf.tidy(() => {
    const classes = output.shape[1]
    const oneHot = tf.oneHot(labels, classes).cast('float32')
    const logProbs =
      kind === 'probabilities' ? tf.log(tf.clipByValue(output, EPSILON, 1 - EPSILON)) : tf.logSoftmax(output)
    return tf.neg(tf.sum(tf.mul(oneHot, logProbs), 1)) as tf.Tensor1D
  })
}

/** weightDecay/2 · Σ kernel², the L2 penalty (biases and batch-norm parameters are not decayed). */
export function l2Penalty(kernels: readonly tf.Variable[], weightDecay: number): tf.Scalar | null {
  if (weightDecay === 0 || kernels.length === 0) return null
  return tf.tidy(
    () => tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), weightDecay / 2) as tf.Scalar
  )
}

/** How many rows of the output pick the labelled class. */
export function correctCount(output: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(
    () => tf.sum(tf.equal(tf.argMax(output, 1), labels.cast('int32')).cast('float32')) as tf.Scalar
  )
}
