import * as tf from '@tensorflow/tfjs'
import { pixelsToBatch } from '../augment/pixelBatch'
import { applyLayers, classScores, tfLayersFrom } from './classScores'
import type { InspectedModel } from './inspectedModel'
import { tidyValues } from './insightWork'
import { findLayer, isSpatial, type NetworkLayer } from './networkLayers'

export type SaliencyMethod = 'gradcam' | 'gradient'

/** A saliency map for one image and class, at the layer's resolution (Grad-CAM) or the input's (gradient). */
export interface Saliency {
  classIndex: number
  probability: number
  method: SaliencyMethod
  layer: number | null
  shape: [number, number]
  values: Float32Array
}

/** Grad-CAM's default: the last conv layer (the last layer with maps when the network has no conv). */
function defaultCamLayer(layers: readonly NetworkLayer[]): NetworkLayer {
  const spatial = layers.filter(isSpatial)
  const conv = spatial.filter((l) => l.kind === 'conv2d')
  const chosen = conv[conv.length - 1] ?? spatial[spatial.length - 1]
  if (!chosen)
    throw new RangeError('This network has no layer with feature maps, so Grad-CAM has nothing to show.')
  return chosen
}

function camLayer(layers: readonly NetworkLayer[], index: number | undefined): NetworkLayer {
  if (index === undefined) return defaultCamLayer(layers)
  const layer = findLayer(layers, index)
  if (!isSpatial(layer)) {
    throw new RangeError(
      `Grad-CAM needs a layer with feature maps (conv, pooling, batch norm or an activation before the flatten); layer ${index} is ${layer.kind} with output [${layer.shape.join(', ')}].`
    )
  }
  return layer
}

function checkClass(inspected: InspectedModel, classIndex: number): void {
  const count = inspected.manifest.classes.length
  if (classIndex >= count)
    throw new RangeError(
      `There is no class ${classIndex}: this model has ${count} classes (0 to ${count - 1}).`
    )
}

/** The chosen class (by default the predicted one) and its probability, from the pre-softmax scores. */
function pickClass(
  scores: tf.Tensor2D,
  classIndex: number | undefined
): { index: number; probability: number } {
  const probabilities = tf.softmax(scores).dataSync() as Float32Array
  const index =
    classIndex ?? probabilities.reduce((b, v, i) => (v > (probabilities[b] ?? -Infinity) ? i : b), 0)
  return { index, probability: probabilities[index] ?? 0 }
}

/** One class's score as a scalar to differentiate; a one-hot product, since wasm has no gradient for gather. */
function scoreOf(scores: tf.Tensor2D, classIndex: number): tf.Scalar {
  return tf.sum(tf.mul(scores, tf.oneHot([classIndex], scores.shape[1])))
}

/**
 * Grad-CAM (Selvaraju et al. 2017) at one layer: with A the layer's maps and y the class's pre-softmax
 * score, α_k = mean over positions of ∂y/∂A_k, and the map is ReLU(Σ_k α_k A_k), at the layer's own size.
 */
export function gradCam(
  inspected: InspectedModel,
  pixels: Uint8Array,
  options: { classIndex?: number; layer?: number } = {}
): Saliency {
  const { layers, manifest } = inspected
  const target = camLayer(layers, options.layer)
  if (options.classIndex !== undefined) checkClass(inspected, options.classIndex)
  const position = layers.indexOf(target)
  const before = tfLayersFrom(layers.slice(0, position + 1), 0)
  const after = tfLayersFrom(layers, position + 1)
  return tidyValues(() => {
    const maps = applyLayers(before, pixelsToBatch([pixels], manifest.input)) as tf.Tensor4D
    const chosen = pickClass(classScores(after, maps), options.classIndex)
    const score = (a: tf.Tensor): tf.Scalar => scoreOf(classScores(after, a), chosen.index)
    const gradients = tf.grad(score)(maps)
    const alpha = tf.mean(gradients, [1, 2], true)
    const cam = tf.relu(tf.sum(tf.mul(maps, alpha), -1))
    const [, h, w] = maps.shape
    return {
      classIndex: chosen.index,
      probability: chosen.probability,
      method: 'gradcam' as const,
      layer: target.layer,
      shape: [h, w] as [number, number],
      values: cam.dataSync() as Float32Array
    }
  })
}

/** Vanilla gradient saliency: |∂y/∂x| of the class's pre-softmax score y, the largest over the input's channels. */
export function gradientSaliency(
  inspected: InspectedModel,
  pixels: Uint8Array,
  options: { classIndex?: number } = {}
): Saliency {
  const { layers, manifest } = inspected
  if (options.classIndex !== undefined) checkClass(inspected, options.classIndex)
  const all = tfLayersFrom(layers, 0)
  return tidyValues(() => {
    const x = pixelsToBatch([pixels], manifest.input)
    const chosen = pickClass(classScores(all, x), options.classIndex)
    const score = (input: tf.Tensor): tf.Scalar => scoreOf(classScores(all, input), chosen.index)
    const gradients = tf.grad(score)(x)
    const map = tf.max(tf.abs(gradients), -1)
    return {
      classIndex: chosen.index,
      probability: chosen.probability,
      method: 'gradient' as const,
      layer: null,
      shape: [manifest.input.height, manifest.input.width] as [number, number],
      values: map.dataSync() as Float32Array
    }
  })
}
