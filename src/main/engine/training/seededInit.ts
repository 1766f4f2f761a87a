import * as tf from '@tensorflow/tfjs'
import { hashKey } from '../../../shared/augment'
import type { Initializer, NetworkSpec } from '../../../shared/network'
import { mulberry32 } from '../dataset/seededRandom'

/** Fan-in and fan-out as tfjs computes them for a channels-last kernel (or a vector). */
function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) {
    const size = Math.sqrt(shape.reduce((a, b) => a * b, 1))
    return { fanIn: size, fanOut: size }
  }
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1)
  return {
    fanIn: (shape[shape.length - 2] ?? 1) * receptive,
    fanOut: (shape[shape.length - 1] ?? 1) * receptive
  }
}

/** Normal(mean, σ) values, a value further than 2σ from the mean drawn again (Box–Muller). */
function truncatedNormal(values: Float32Array, mean: number, stddev: number, random: () => number): void {
  for (let i = 0; i < values.length;) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()))
    const angle = 2 * Math.PI * random()
    for (const z of [radius * Math.cos(angle), radius * Math.sin(angle)]) {
      if (Math.abs(z) <= 2 && i < values.length) values[i++] = mean + stddev * z
    }
  }
}

function fill(values: Float32Array, init: Initializer, shape: readonly number[], random: () => number): void {
  const { fanIn, fanOut } = fans(shape)
  switch (init.type) {
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * limit
      return
    }
    case 'heNormal':
      return truncatedNormal(values, 0, Math.sqrt(2 / Math.max(1, fanIn)), random)
    case 'truncatedNormal':
      return truncatedNormal(values, init.mean ?? 0, init.stddev, random)
    case 'constant':
      values.fill(init.value)
      return
    case 'zeros':
      values.fill(0)
  }
}

/** The initializer the spec gives a weight named `L<i>_<type>/kernel|bias`, or undefined (tfjs's zeros, a batch-norm value). */
function initializerOf(name: string, network: NetworkSpec | undefined): Initializer | undefined {
  const match = /^L(\d+)_[A-Za-z0-9]+\/(kernel|bias)$/.exec(name)
  if (!match) return name.endsWith('/kernel') ? { type: 'glorotUniform' } : undefined
  const layer = network?.layers[Number(match[1])]
  const own =
    layer && (layer.type === 'conv2d' || layer.type === 'dense')
      ? match[2] === 'kernel'
        ? layer.kernelInitializer
        : layer.biasInitializer
      : undefined
  return own ?? (match[2] === 'kernel' ? { type: 'glorotUniform' } : undefined)
}

/**
 * Redraws every kernel (and every bias the spec gives an initializer) from our own seeded generator (tfjs
 * layers draw theirs from an unseeded one), so the same seed gives the same starting weights on every
 * backend. Kernels without an initializer in the spec are Glorot-uniform; biases without one stay at
 * tfjs's zeros, as do batch-norm statistics.
 */
export function initializeWeights(model: tf.LayersModel, seed: number, network?: NetworkSpec): void {
  model.weights.forEach((weight, position) => {
    const init = initializerOf(weight.originalName, network)
    if (!init) return
    const shape = weight.read().shape
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1))
    // Kernels keep the stream they always had, so runs of specs without initializers start as before.
    const salt = weight.originalName.endsWith('/kernel') ? 0x1417 : 0xb1a5
    fill(values, init, shape, mulberry32(hashKey(seed, position, salt)))
    const tensor = tf.tensor(values, shape)
    weight.write(tensor)
    tensor.dispose()
  })
}
