import type * as tf from '@tensorflow/tfjs'
import type { NetworkSpec } from '../../../shared/network/networkSpec'

/** One layer of the network as the person designed it: its spec index and the tfjs layers it became. */
export interface NetworkLayer {
  layer: number
  kind: string
  name: string
  tfLayers: tf.layers.Layer[]
  /** Output shape without the batch axis: [h, w, c] for maps, [n] for vectors. */
  shape: number[]
}

/** tfjs class names → the spec's kinds, for exports whose manifest carries no network spec. */
const KIND_OF_CLASS: Record<string, string> = {
  Conv2D: 'conv2d',
  MaxPooling2D: 'maxPool2d',
  AveragePooling2D: 'avgPool2d',
  BatchNormalization: 'batchNorm',
  Dropout: 'dropout',
  Flatten: 'flatten',
  GlobalAveragePooling2D: 'globalAveragePool',
  Dense: 'dense',
  Activation: 'activation',
  LeakyReLU: 'activation'
}

const SPEC_NAME = /^L(\d+)_/

function outputShape(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape as (number | null)[]
  return shape.slice(1).map((d) => d ?? 0)
}

/**
 * Groups a sequential model's tfjs layers by spec layer. The app names its tfjs layers `L<index>_<type>`
 * (a conv with leakyRelu becomes two), so a run or an app export maps back to the spec's indexes; a model
 * from elsewhere is listed one tfjs layer per index. Non-sequential models cannot be walked layer by layer.
 */
export function networkLayers(model: tf.LayersModel, spec: NetworkSpec | undefined): NetworkLayer[] {
  const tfLayers = model.layers.filter((l) => l.getClassName() !== 'InputLayer')
  const sequential = tfLayers.every(
    (l, i) => i === 0 || l.inboundNodes[0]?.inboundLayers[0] === tfLayers[i - 1]
  )
  if (!sequential || model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(
      'This model is not a plain stack of layers (it has branches or several inputs or outputs); only sequential networks can be inspected.'
    )
  }
  const bySpec = spec && tfLayers.every((l) => SPEC_NAME.test(l.name))
  if (!bySpec) {
    return tfLayers.map((l, i) => ({
      layer: i,
      kind: KIND_OF_CLASS[l.getClassName()] ?? l.getClassName(),
      name: l.name,
      tfLayers: [l],
      shape: outputShape(l)
    }))
  }
  const groups = new Map<number, tf.layers.Layer[]>()
  for (const l of tfLayers) {
    const index = Number(SPEC_NAME.exec(l.name)?.[1])
    groups.set(index, [...(groups.get(index) ?? []), l])
  }
  return [...groups.entries()].map(([index, members]) => {
    const last = members[members.length - 1] as tf.layers.Layer
    const own = spec.layers[index]
    return {
      layer: index,
      kind: own?.type ?? KIND_OF_CLASS[last.getClassName()] ?? last.getClassName(),
      name: own?.name ?? `L${index} ${own?.type ?? last.getClassName()}`,
      tfLayers: members,
      shape: outputShape(last)
    }
  })
}

/** Whether a layer's output is a stack of maps (Grad-CAM and the feature-map grids need one). */
export const isSpatial = (layer: NetworkLayer): boolean => layer.shape.length === 3

/** The layer with this spec index, or a sentence naming the ones there are. */
export function findLayer(layers: readonly NetworkLayer[], index: number): NetworkLayer {
  const found = layers.find((l) => l.layer === index)
  if (!found) {
    const last = layers[layers.length - 1]?.layer ?? 0
    throw new RangeError(`There is no layer ${index}: this network's layers are numbered 0 to ${last}.`)
  }
  return found
}
