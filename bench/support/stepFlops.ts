import { inferShapes, type NetworkSpec } from '../../src/shared/network'

/**
 * Floating-point operations of one training image through a network's convolutions and dense layers
 * (a multiply-add is two): the forward product, the weight gradient, and the input gradient of every
 * layer except the first one with weights (nothing before it needs a gradient, so tfjs skips it).
 * Pooling, activations, losses and the optimizer are memory-bound extras not counted, as is usual
 * for a model's FLOP count and as ../shared/anchors/README.md counts the lecture network (about 81
 * MFLOP per image per training step).
 */
export interface StepFlops {
  forward: number
  training: number
}

export function trainingFlopsPerImage(spec: NetworkSpec): StepFlops {
  const layers = inferShapes(spec).layers
  let forward = 0
  let training = 0
  let first = true
  for (const layer of layers) {
    if (layer.multiplyAdds === 0 || (layer.kind !== 'conv2d' && layer.kind !== 'dense')) continue
    const flops = 2 * layer.multiplyAdds
    forward += flops
    training += flops * (first ? 2 : 3)
    first = false
  }
  return { forward, training }
}
