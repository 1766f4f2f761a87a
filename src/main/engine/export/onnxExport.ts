import * as tf from '@tensorflow/tfjs'
import type { Activation, LayerSpec, NetworkSpec } from '../../../shared/network/networkSpec'
import { poolStrides } from '../../../shared/network/networkSpec'
import { layerGeometry, windowPads, type LayerGeometry } from '../../../shared/export/layerGeometry'
import { OnnxGraphBuilder } from './onnxGraph'
import { convKernelToOnnx, layerWeights, leakyAlpha, required, values } from './onnxWeights'

/*
 * The app's network as an ONNX graph (opset 13) that takes what the app feeds its model, NHWC float32 in
 * [0, 1] named `input`, and gives class probabilities [N, classes] named `probabilities`.
 * Inside, image maps are NCHW (ONNX's layout); a Flatten goes back to NHWC first so the flattened order
 * is the one tfjs' dense kernel was trained on.
 */

export const ONNX_OPSET = 13
export const ONNX_INPUT = 'input'
export const ONNX_OUTPUT = 'probabilities'

type Layout = 'nchw' | 'flat'
interface Cursor {
  name: string
  layout: Layout
}

function addActivation(
  g: OnnxGraphBuilder,
  model: tf.LayersModel,
  at: Cursor,
  activation: Activation,
  leakyLayer: string
): Cursor {
  const one = (op: string, attributes = {}) => ({
    ...at,
    name: g.node(op, { op, inputs: [at.name], attributes })
  })
  switch (activation) {
    case 'linear':
      return at
    case 'relu':
      return one('Relu')
    case 'elu':
      return one('Elu', { alpha: { float: 1 } })
    case 'leakyRelu':
      return one('LeakyRelu', { alpha: { float: leakyAlpha(model, leakyLayer) } })
    case 'sigmoid':
      return one('Sigmoid')
    case 'tanh':
      return one('Tanh')
    case 'softmax':
      // tfjs normalises the last axis: channels of an NHWC map, which is axis 1 in NCHW.
      return one('Softmax', { axis: { int: at.layout === 'nchw' ? 1 : -1 } })
  }
}

function addWindowLayer(g: OnnxGraphBuilder, model: tf.LayersModel, at: Cursor, geo: LayerGeometry): Cursor {
  const layer = geo.layer as Extract<LayerSpec, { type: 'conv2d' | 'maxPool2d' | 'avgPool2d' }>
  const kernel = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize
  const strides = layer.type === 'conv2d' ? layer.strides : poolStrides(layer)
  const p = windowPads(geo.inputShape, kernel, strides, layer.padding)
  const attributes = {
    kernel_shape: { ints: kernel },
    strides: { ints: strides },
    pads: { ints: [p.top, p.left, p.bottom, p.right] }
  }
  if (layer.type === 'maxPool2d')
    return { ...at, name: g.node('MaxPool', { op: 'MaxPool', inputs: [at.name], attributes }) }
  if (layer.type === 'avgPool2d') {
    // TF's 'same' average pooling divides by the cells inside the image only.
    const avg = { ...attributes, count_include_pad: { int: 0 } }
    return { ...at, name: g.node('AveragePool', { op: 'AveragePool', inputs: [at.name], attributes: avg }) }
  }
  const weights = layerWeights(model, geo.name)
  const kernelTensor = required(weights, 'kernel', geo.name)
  const [kh, kw, ci, co] = kernelTensor.shape as number[]
  const inputs = [
    at.name,
    g.weight(`${geo.name}.weight`, [co ?? 0, ci ?? 0, kh ?? 0, kw ?? 0], convKernelToOnnx(kernelTensor))
  ]
  const bias = weights.get('bias')
  if (layer.useBias && bias) inputs.push(g.weight(`${geo.name}.bias`, [co ?? 0], values(bias)))
  const conv = g.node('Conv', {
    op: 'Conv',
    inputs,
    attributes: { ...attributes, dilations: { ints: [1, 1] }, group: { int: 1 } }
  })
  return addActivation(g, model, { ...at, name: conv }, layer.activation, `${geo.name}_leakyRelu`)
}

function addLayer(g: OnnxGraphBuilder, model: tf.LayersModel, at: Cursor, geo: LayerGeometry): Cursor {
  const { layer, name } = geo
  switch (layer.type) {
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d':
      return addWindowLayer(g, model, at, geo)
    case 'batchNorm': {
      const w = layerWeights(model, name)
      const inputs = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((key) => {
        const tensor = required(w, key, name)
        return g.weight(`${name}.${key}`, tensor.shape as number[], values(tensor))
      })
      const attributes = { epsilon: { float: layer.epsilon } }
      return {
        ...at,
        name: g.node('BatchNormalization', {
          op: 'BatchNormalization',
          inputs: [at.name, ...inputs],
          attributes
        })
      }
    }
    case 'dropout':
      // Inference: dropout passes values through unchanged.
      return at
    case 'flatten': {
      const nhwc = g.node('ToNHWC', {
        op: 'Transpose',
        inputs: [at.name],
        attributes: { perm: { ints: [0, 2, 3, 1] } }
      })
      return {
        name: g.node('Flatten', { op: 'Flatten', inputs: [nhwc], attributes: { axis: { int: 1 } } }),
        layout: 'flat'
      }
    }
    case 'globalAveragePool': {
      const pooled = g.node('GlobalAveragePool', { op: 'GlobalAveragePool', inputs: [at.name] })
      return {
        name: g.node('Flatten', { op: 'Flatten', inputs: [pooled], attributes: { axis: { int: 1 } } }),
        layout: 'flat'
      }
    }
    case 'dense': {
      const w = layerWeights(model, name)
      const kernel = required(w, 'kernel', name)
      const [inUnits, units] = kernel.shape as number[]
      const inputs = [at.name, g.weight(`${name}.kernel`, [inUnits ?? 0, units ?? 0], values(kernel))]
      const bias = w.get('bias')
      if (layer.useBias && bias) inputs.push(g.weight(`${name}.bias`, [units ?? 0], values(bias)))
      const gemm = g.node('Gemm', { op: 'Gemm', inputs })
      return addActivation(g, model, { ...at, name: gemm }, layer.activation, `${name}_leakyRelu`)
    }
    case 'activation':
      return addActivation(g, model, at, layer.activation, name)
  }
}

/**
 * Encodes the model (built from `spec` by buildModel, weights loaded) as ONNX bytes. A network that ends
 * in raw scores gets a final Softmax, so the output is always probabilities.
 */
export function buildOnnxModel(spec: NetworkSpec, model: tf.LayersModel, docString = ''): Uint8Array {
  const geometry = layerGeometry(spec)
  const g = new OnnxGraphBuilder()
  const { height, width, channels } = spec.input
  let at: Cursor = {
    name: g.node('ToNCHW', {
      op: 'Transpose',
      inputs: [ONNX_INPUT],
      attributes: { perm: { ints: [0, 3, 1, 2] } }
    }),
    layout: 'nchw'
  }
  for (const geo of geometry) at = addLayer(g, model, at, geo)
  const outputShape = geometry[geometry.length - 1]?.outputShape ?? []
  if (at.layout !== 'flat' || outputShape.length !== 1) {
    throw new Error(
      'Only networks that end in a flat class vector (after Flatten or GlobalAveragePool and Dense) can be exported to ONNX.'
    )
  }
  const last = spec.layers[spec.layers.length - 1]
  const endsInSoftmax = last !== undefined && 'activation' in last && last.activation === 'softmax'
  if (!endsInSoftmax) at = addActivation(g, model, at, 'softmax', '')
  return g.encode({
    inputName: ONNX_INPUT,
    inputDims: [height, width, channels],
    last: at.name,
    outputName: ONNX_OUTPUT,
    outputDims: outputShape,
    opset: ONNX_OPSET,
    docString
  })
}
