import * as tf from '@tensorflow/tfjs'
import type { NetworkLayer } from './networkLayers'

/** Runs tfjs layers one after the other in inference mode (dropout off, batch norm on its moving statistics). */
export function applyLayers(layers: readonly tf.layers.Layer[], x: tf.Tensor): tf.Tensor {
  return layers.reduce((t, layer) => layer.apply(t, { training: false }) as tf.Tensor, x)
}

/** The tfjs layers of spec layers `from` (a position in `layers`) to the end. */
export function tfLayersFrom(layers: readonly NetworkLayer[], from: number): tf.layers.Layer[] {
  return layers.slice(from).flatMap((l) => l.tfLayers)
}

function activationOf(layer: tf.layers.Layer): unknown {
  return (layer.getConfig() as { activation?: unknown }).activation
}

/**
 * The class scores before the softmax (Selvaraju et al. take Grad-CAM's gradient of these, not of the
 * probabilities, which couple every class through the normalisation). Our networks end in a dense layer
 * with a softmax activation, or in a softmax activation layer: for the first the last layer is applied as
 * its kernel and bias alone (x·W + b), the second is skipped. A network ending in anything else already
 * gives scores (the app then takes the softmax of them, as prediction does).
 */
export function classScores(tfLayers: readonly tf.layers.Layer[], x: tf.Tensor): tf.Tensor2D {
  const last = tfLayers[tfLayers.length - 1]
  if (!last || activationOf(last) !== 'softmax') return applyLayers(tfLayers, x) as tf.Tensor2D
  const before = applyLayers(tfLayers.slice(0, -1), x)
  if (last.getClassName() === 'Activation') return before as tf.Tensor2D
  if (last.getClassName() !== 'Dense') return applyLayers([last], before) as tf.Tensor2D
  const [kernel, bias] = last.getWeights()
  const flat = before.reshape([-1, before.shape[before.shape.length - 1] ?? 1])
  const z = tf.matMul(flat, kernel as tf.Tensor2D)
  return (bias ? tf.add(z, bias) : z) as tf.Tensor2D
}
