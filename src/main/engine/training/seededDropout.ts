import * as tf from '@tensorflow/tfjs'
import { hashKey } from '../../../shared/augment'
import { replaceLayerCall } from '../backend/libraryInternals'

/**
 * Dropout masks drawn from the run's seed. tfjs-layers draws them from Math.random, so two runs with the
 * same seed (or a run and its resumption) trained on different masks and ended with different weights,
 * although the same seed promises the same run. Each step's masks come from the seed, the epoch and the
 * batch's first image (each image is once in an epoch), and the layer's position: a resumed run draws
 * the masks it would have drawn.
 */

const stepSeeds = new WeakMap<tf.LayersModel, { seed: number }>()

/** The dropout layers of `model` (without a noise shape) draw seeded masks; returns how many. */
export function seedDropoutLayers(model: tf.LayersModel): number {
  const state = { seed: 0 }
  let seeded = 0
  model.layers.forEach((layer, position) => {
    if (layer.getClassName() !== 'Dropout') return
    const { rate, noiseShape } = layer.getConfig() as { rate?: unknown; noiseShape?: unknown }
    if (typeof rate !== 'number' || (noiseShape !== null && noiseShape !== undefined)) return
    replaceLayerCall(layer, (x, kwargs) => {
      // As tfjs-layers' Dropout: masks only while training, and only for a rate strictly inside (0, 1).
      if (kwargs.training !== true || !(rate > 0 && rate < 1)) return x
      return tf.dropout(x, rate, undefined, hashKey(state.seed, position))
    })
    seeded++
  })
  if (seeded > 0) stepSeeds.set(model, state)
  return seeded
}

/** Sets the masks of the next training step of `model` (one prepared by seedDropoutLayers). */
export function seedDropoutStep(
  model: tf.LayersModel,
  runSeed: number,
  epoch: number,
  firstImage: number
): void {
  const state = stepSeeds.get(model)
  if (state !== undefined) state.seed = hashKey(runSeed, epoch, firstImage, 0xd409)
}
