import type { LayerSpec } from './networkSpec'
import type { LayerReport, NetworkIssue } from './shapeInference'

/** A dense layer bigger than this is legal but almost certainly a mistake (slow, overfits, huge file). */
export const LARGE_DENSE_PARAMS = 50_000_000

const classesText = (classes: number | undefined): string =>
  classes === undefined ? 'one unit per class' : `${classes} units`

/**
 * The last layer must be the classifier: dense, softmax, one unit per class.
 * `classes` is the dataset's number of classes when known.
 */
export function checkClassifier(
  layers: readonly (LayerSpec | null)[],
  classes: number | undefined
): NetworkIssue[] {
  const lastIndex = layers.length - 1
  if (lastIndex < 0) {
    return [
      {
        layer: -1,
        message: `the network has no layers; add at least a classifier: a dense layer with ${classesText(classes)} and softmax`
      }
    ]
  }
  const last = layers[lastIndex]
  if (last === null || last === undefined) return [] // its settings are already reported
  const previous = layers[lastIndex - 1]
  if (last.type === 'activation' && last.activation === 'softmax' && previous?.type === 'dense') {
    return [
      {
        layer: lastIndex,
        message: `the last layer must be a dense layer with softmax: remove this activation layer and set the dense layer ${lastIndex - 1}'s activation to 'softmax'`
      }
    ]
  }
  if (last.type !== 'dense') {
    return [
      {
        layer: lastIndex,
        message: `the last layer must be the classifier: a dense layer with ${classesText(classes)} and softmax, not ${last.type}`
      }
    ]
  }
  const issues: NetworkIssue[] = []
  if (last.activation !== 'softmax') {
    issues.push({
      layer: lastIndex,
      message: `the last dense layer is the classifier and needs activation 'softmax' (not '${last.activation}') to output class probabilities`
    })
  }
  if (classes !== undefined && last.units !== classes) {
    issues.push({
      layer: lastIndex,
      message: `the classifier has ${last.units} units but the dataset has ${classes} classes; set its units to ${classes}`
    })
  }
  return issues
}

/** A linear layer feeding a layer of the same kind, with only linear layers between, adds nothing. */
function linearStackWarning(layers: readonly (LayerSpec | null)[], index: number): NetworkIssue | null {
  const layer = layers[index]
  if (!layer || (layer.type !== 'conv2d' && layer.type !== 'dense') || layer.activation !== 'linear')
    return null
  for (let next = index + 1; next < layers.length; next++) {
    const other = layers[next]
    if (!other || other.type === 'activation') return null
    if (other.type === layer.type) {
      const what = layer.type === 'conv2d' ? 'convolutions' : 'dense layers'
      return {
        layer: index,
        message: `layers ${index} and ${next} are ${what} with no activation between them; together they act like one linear layer — give layer ${index} an activation such as relu`
      }
    }
    if (other.type !== 'dropout' && other.type !== 'batchNorm') return null
  }
  return null
}

/** Legal but dubious choices, each with the layer that causes it. */
export function collectWarnings(
  layers: readonly (LayerSpec | null)[],
  reports: readonly LayerReport[]
): NetworkIssue[] {
  const warnings: NetworkIssue[] = []
  let lastDense = -1
  layers.forEach((layer, index) => {
    if (layer?.type === 'dense') lastDense = index
  })
  layers.forEach((layer, index) => {
    if (!layer) return
    const params = reports[index]?.params ?? 0
    if (layer.type === 'dense' && params > LARGE_DENSE_PARAMS) {
      warnings.push({
        layer: index,
        message: `this dense layer has ${params.toLocaleString('en-US')} parameters (over 50 million); it will be slow and overfit — shrink its input with pooling, strides or GlobalAveragePool, or use fewer units`
      })
    }
    if (layer.type === 'dropout' && lastDense >= 0 && index > lastDense) {
      warnings.push({
        layer: index,
        message: `dropout after the classifier randomly zeroes class probabilities; move it before the last dense layer`
      })
    }
    const hiddenSoftmax =
      index !== layers.length - 1 &&
      'activation' in layer &&
      layer.activation === 'softmax' &&
      !(layer.type === 'dense' && index === lastDense)
    if (hiddenSoftmax) {
      warnings.push({
        layer: index,
        message: `softmax belongs in the classifier; in a hidden layer it squashes the features — use relu here`
      })
    }
    const linear = linearStackWarning(layers, index)
    if (linear) warnings.push(linear)
  })
  return warnings
}
