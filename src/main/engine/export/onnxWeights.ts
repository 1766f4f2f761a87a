import * as tf from '@tensorflow/tfjs'
import { LEAKY_RELU_ALPHA } from '../../../shared/export/layerGeometry'

/** The tfjs model's weights as the ONNX export reads them, by layer name. */

/** A tensor's values, copied (tfjs may reuse the buffer dataSync returns). */
export function values(tensor: tf.Tensor): Float32Array {
  return Float32Array.from(tensor.dataSync())
}

/** The tfjs layer's weights by their short name (kernel, bias, gamma, …); `name` is `L<i>_<type>`. */
export function layerWeights(model: tf.LayersModel, name: string): Map<string, tf.Tensor> {
  const layer = model.getLayer(name)
  const tensors = layer.getWeights()
  return new Map(
    layer.weights.map((w, i) => [w.originalName.split('/').pop() ?? '', tensors[i] as tf.Tensor])
  )
}

/** A layer weight the ONNX graph needs; its absence means the model is not the spec's. */
export function required(weights: Map<string, tf.Tensor>, key: string, layer: string): tf.Tensor {
  const tensor = weights.get(key)
  if (!tensor)
    throw new Error(`The model's layer ${layer} has no ${key}; it does not match the network spec.`)
  return tensor
}

/** [kh, kw, ci, co] → [co, ci, kh, kw]. */
export function convKernelToOnnx(kernel: tf.Tensor): Float32Array {
  return tf.tidy(() => values(tf.transpose(kernel, [3, 2, 0, 1])))
}

/** The LeakyReLU slope the model uses (its config), falling back to tfjs' default. */
export function leakyAlpha(model: tf.LayersModel, name: string): number {
  try {
    const alpha = model.getLayer(name).getConfig().alpha
    return typeof alpha === 'number' ? alpha : LEAKY_RELU_ALPHA
  } catch {
    return LEAKY_RELU_ALPHA
  }
}
