import { poolStrides, type LayerSpec } from './networkSpec'
import { describeWindowAxis, windowOutputSize } from './spatialMath'

/*
 * What one layer does to the shape of one image, and what it costs.
 * Shapes exclude the batch axis: [height, width, channels] for images, [n] once flat.
 * Multiply-adds count only true multiply-accumulates (conv, dense, batch-norm's scale-and-shift at
 * inference); pooling, activations, dropout and reshapes count 0.
 */

export interface LayerShapeResult {
  outputShape: number[]
  params: number
  trainableParams: number
  multiplyAdds: number
  /** The lecture's formula per axis, for conv and pooling layers. */
  formula?: { height: string; width: string }
}

/** Where the input was made flat, so a misplaced conv/pool can be told which layer to move past. */
export interface FlatOrigin {
  index: number
  kind: string
}

export type LayerShapeStep = { ok: true; value: LayerShapeResult } | { ok: false; message: string }

const fail = (message: string): LayerShapeStep => ({ ok: false, message })
const done = (value: LayerShapeResult): LayerShapeStep => ({ ok: true, value })
const shapeText = (shape: number[]): string => shape.join('×')

function needsImage(layer: LayerSpec, input: number[], flatOrigin: FlatOrigin | null): string | null {
  if (input.length === 3) return null
  const values = input[0] === 1 ? '1 value' : `${input[0]} values`
  const where = flatOrigin
    ? `the ${flatOrigin.kind} layer ${flatOrigin.index} already made it flat (${values})`
    : `its input is flat (${values})`
  if (layer.type === 'flatten') return `flatten needs an image-shaped input, but ${where}; remove this layer`
  return `${layer.type} needs an image-shaped input (height × width × channels), but ${where}; move this layer before the ${flatOrigin?.kind ?? 'flatten'} layer`
}

function slidingWindow(
  layer: Extract<LayerSpec, { type: 'conv2d' | 'maxPool2d' | 'avgPool2d' }>,
  input: number[]
): LayerShapeStep {
  const [inH = 0, inW = 0, inC = 0] = input
  const isConv = layer.type === 'conv2d'
  const [kH, kW] = isConv ? layer.kernelSize : layer.poolSize
  const [sH, sW] = isConv ? layer.strides : poolStrides(layer)
  const word = isConv ? 'kernel' : 'pool'
  if (layer.padding === 'valid' && (kH > inH || kW > inW)) {
    return fail(
      `${word} ${kH}×${kW} is larger than its ${inH}×${inW} input; use 'same' padding or a smaller ${word}`
    )
  }
  const outH = windowOutputSize(inH, kH, sH, layer.padding)
  const outW = windowOutputSize(inW, kW, sW, layer.padding)
  if (outH < 1 || outW < 1) {
    return fail(`the output would be ${outH}×${outW}, below 1×1; use a smaller ${word} or stride`)
  }
  const formula = {
    height: describeWindowAxis('H', inH, kH, sH, layer.padding),
    width: describeWindowAxis('W', inW, kW, sW, layer.padding)
  }
  if (!isConv) {
    return done({ outputShape: [outH, outW, inC], params: 0, trainableParams: 0, multiplyAdds: 0, formula })
  }
  const params = kH * kW * inC * layer.filters + (layer.useBias ? layer.filters : 0)
  const multiplyAdds = outH * outW * layer.filters * kH * kW * inC
  return done({
    outputShape: [outH, outW, layer.filters],
    params,
    trainableParams: params,
    multiplyAdds,
    formula
  })
}

/** Infers one layer from its input shape; `flatOrigin` names the layer that flattened, if any. */
export function inferLayerShape(
  layer: LayerSpec,
  input: number[],
  flatOrigin: FlatOrigin | null
): LayerShapeStep {
  const elements = input.reduce((a, b) => a * b, 1)
  const passThrough = done({ outputShape: [...input], params: 0, trainableParams: 0, multiplyAdds: 0 })
  switch (layer.type) {
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d': {
      const problem = needsImage(layer, input, flatOrigin)
      return problem ? fail(problem) : slidingWindow(layer, input)
    }
    case 'flatten': {
      const problem = needsImage(layer, input, flatOrigin)
      if (problem) return fail(problem)
      return done({ outputShape: [elements], params: 0, trainableParams: 0, multiplyAdds: 0 })
    }
    case 'globalAveragePool': {
      const problem = needsImage(layer, input, flatOrigin)
      if (problem) return fail(problem)
      return done({ outputShape: [input[2] ?? 0], params: 0, trainableParams: 0, multiplyAdds: 0 })
    }
    case 'dense': {
      if (input.length !== 1) {
        return fail(
          `dense layer needs a flat input: add a Flatten or GlobalAveragePool layer before it (its input is ${shapeText(input)})`
        )
      }
      const inUnits = input[0] ?? 0
      const params = inUnits * layer.units + (layer.useBias ? layer.units : 0)
      return done({
        outputShape: [layer.units],
        params,
        trainableParams: params,
        multiplyAdds: inUnits * layer.units
      })
    }
    case 'batchNorm': {
      // Normalises the last axis: gamma and beta learn, moving mean and variance do not.
      const channels = input[input.length - 1] ?? 0
      return done({
        outputShape: [...input],
        params: 4 * channels,
        trainableParams: 2 * channels,
        multiplyAdds: elements
      })
    }
    case 'dropout':
    case 'activation':
      return passThrough
  }
}
