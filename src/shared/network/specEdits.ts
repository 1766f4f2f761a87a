import type { LayerKind, LayerSpec, NetworkSpec } from './networkSpec'

/** The classifier follows the dataset: sets the last dense layer's units to `classes` (a new spec). */
export function withClassCount(spec: NetworkSpec, classes: number): NetworkSpec {
  let lastDense = -1
  spec.layers.forEach((layer, index) => {
    if (layer.type === 'dense') lastDense = index
  })
  if (lastDense < 0) return spec
  const layers = spec.layers.map((layer, index) =>
    index === lastDense && layer.type === 'dense' ? { ...layer, units: classes } : layer
  )
  return { ...spec, layers }
}

/**
 * A sensible new layer of each kind for the editor, with every setting written out. These are editor
 * defaults (e.g. ReLU and 'same' padding for a conv), not the spec's Keras defaults for omitted settings.
 */
export function defaultLayer(kind: LayerKind): LayerSpec {
  switch (kind) {
    case 'conv2d':
      return {
        type: 'conv2d',
        filters: 16,
        kernelSize: [3, 3],
        strides: [1, 1],
        padding: 'same',
        activation: 'relu',
        useBias: true
      }
    case 'maxPool2d':
      return { type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' }
    case 'avgPool2d':
      return { type: 'avgPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' }
    case 'batchNorm':
      return { type: 'batchNorm', momentum: 0.99, epsilon: 0.001 }
    case 'dropout':
      return { type: 'dropout', rate: 0.5 }
    case 'flatten':
      return { type: 'flatten' }
    case 'globalAveragePool':
      return { type: 'globalAveragePool' }
    case 'dense':
      return { type: 'dense', units: 128, activation: 'relu', useBias: true }
    case 'activation':
      return { type: 'activation', activation: 'relu' }
  }
}
