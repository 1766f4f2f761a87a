import type { LayerSpec, NetworkSpec } from '../network/networkSpec'
import { samePaddingTotal } from '../network/spatialMath'
import { summarizeNetwork } from '../network/summary'

/** One spec layer with the shapes around it (per image: [h, w, c] or [n]) and its tfjs layer name. */
export interface LayerGeometry {
  index: number
  layer: LayerSpec
  /** `L<index>_<type>`, the name buildModel gives the tfjs layer and so the prefix of its weight names. */
  name: string
  inputShape: number[]
  outputShape: number[]
}

/** Zero padding on each side; TensorFlow puts the odd extra row/column after (bottom/right). */
export interface SidePads {
  top: number
  bottom: number
  left: number
  right: number
}

export function tfLayerName(index: number, layer: LayerSpec): string {
  return `L${index}_${layer.type}`
}

/** The shapes of every layer of a spec that builds; throws a readable error when it does not. */
export function layerGeometry(spec: NetworkSpec): LayerGeometry[] {
  const summary = summarizeNetwork(spec)
  if (summary.errors.length > 0 || summary.spec === null) {
    const first = summary.errors[0]?.message ?? 'invalid settings'
    throw new Error(`The network cannot be exported because it does not build: ${first}.`)
  }
  const { input, layers } = summary.spec
  let shape = [input.height, input.width, input.channels]
  return layers.map((layer, index) => {
    const outputShape = summary.layers[index]?.outputShape ?? []
    const geometry = { index, layer, name: tfLayerName(index, layer), inputShape: shape, outputShape }
    shape = outputShape
    return geometry
  })
}

/** TensorFlow's 'same' padding for a window over an [h, w, …] input; all zeros for 'valid'. */
export function windowPads(
  inputShape: number[],
  kernel: [number, number],
  strides: [number, number],
  padding: 'same' | 'valid'
): SidePads {
  if (padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 }
  const totalH = samePaddingTotal(inputShape[0] ?? 0, kernel[0], strides[0])
  const totalW = samePaddingTotal(inputShape[1] ?? 0, kernel[1], strides[1])
  const top = Math.floor(totalH / 2)
  const left = Math.floor(totalW / 2)
  return { top, bottom: totalH - top, left, right: totalW - left }
}

export function isSymmetric(pads: SidePads): boolean {
  return pads.top === pads.bottom && pads.left === pads.right
}

export function hasPadding(pads: SidePads): boolean {
  return pads.top + pads.bottom + pads.left + pads.right > 0
}

/** tfjs' LeakyReLU slope when none is set (Keras 2 and 3 use the same default). */
export const LEAKY_RELU_ALPHA = 0.3
