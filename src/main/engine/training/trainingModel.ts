import type * as tf from '@tensorflow/tfjs'
import { fuseConvLayersForTraining } from './fusedConvLayers'
import { seedDropoutLayers } from './seededDropout'

/**
 * What a model needs before it trains, beyond its weights: seeded dropout masks (same seed, same run) and,
 * on the wasm fast path, convolutions that train as one fused kernel. Neither changes the layers' configs.
 */
export function prepareModelForTraining(model: tf.LayersModel): void {
  seedDropoutLayers(model)
  fuseConvLayersForTraining(model)
}
