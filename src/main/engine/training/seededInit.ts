import * as tf from '@tensorflow/tfjs'
import { hashKey } from '../../../shared/augment'
import { mulberry32 } from '../dataset/seededRandom'

/**
 * Redraws every kernel with Glorot-uniform values from our own seeded generator (tfjs layers draw theirs
 * from an unseeded one), so the same seed gives the same starting weights on every backend. Biases and
 * batch-norm statistics start at fixed values already.
 */
export function initializeWeights(model: tf.LayersModel, seed: number): void {
  model.weights.forEach((weight, position) => {
    if (!weight.originalName.endsWith('/kernel')) return
    const shape = weight.read().shape
    const fanOut = shape[shape.length - 1] ?? 1
    const fanIn = shape.length >= 2 ? (shape[shape.length - 2] ?? 1) : 1
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1)
    const limit = Math.sqrt(6 / ((fanIn + fanOut) * receptive))
    const random = mulberry32(hashKey(seed, position, 0x1417))
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1))
    for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * limit
    const tensor = tf.tensor(values, shape)
    weight.write(tensor)
    tensor.dispose()
  })
}
