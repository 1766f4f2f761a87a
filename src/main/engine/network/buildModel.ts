import * as tf from '@tensorflow/tfjs'
import type { Initializer } from '../../../shared/network/initializers'
import type { Activation, LayerSpec } from '../../../shared/network/networkSpec'
import { poolStrides } from '../../../shared/network/networkSpec'
import { summarizeNetwork, type SummarizeOptions } from '../../../shared/network/summary'

/** The spec has errors; `issues` holds them as the summary reports them. */
export class NetworkSpecError extends Error {
  constructor(readonly issues: { layer: number; message: string }[]) {
    const lines = issues.map((i) => `${i.layer < 0 ? 'network' : `layer ${i.layer}`}: ${i.message}`)
    super(`The network cannot be built:\n${lines.join('\n')}`)
    this.name = 'NetworkSpecError'
  }
}

export interface BuiltModel {
  model: tf.Sequential
  /**
   * For each spec layer, the indexes of the tfjs layers it became (usually one; a conv or dense with
   * leakyRelu becomes two, because tfjs has no 'leakyRelu' activation string).
   */
  layerMap: number[][]
}

type TfActivation = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'softmax' | 'linear'

/** Splits off leakyRelu, which tfjs only offers as a separate layer. */
function splitActivation(activation: Activation): { inline: TfActivation; leaky: boolean } {
  return activation === 'leakyRelu' ? { inline: 'linear', leaky: true } : { inline: activation, leaky: false }
}

/** tfjs's initializer for a spec's; only the ones a layer sets are passed, so default layers stay as they were. */
type TfInitializer = ReturnType<typeof tf.initializers.zeros>

function tfInitializer(init: Initializer): TfInitializer {
  switch (init.type) {
    case 'glorotUniform':
      return tf.initializers.glorotUniform({})
    case 'heNormal':
      return tf.initializers.heNormal({})
    case 'truncatedNormal':
      return tf.initializers.truncatedNormal({ mean: init.mean ?? 0, stddev: init.stddev })
    case 'constant':
      return tf.initializers.constant({ value: init.value })
    case 'zeros':
      return tf.initializers.zeros()
  }
}

function initializerConfig(layer: { kernelInitializer?: Initializer; biasInitializer?: Initializer }): {
  kernelInitializer?: TfInitializer
  biasInitializer?: TfInitializer
} {
  return {
    ...(layer.kernelInitializer ? { kernelInitializer: tfInitializer(layer.kernelInitializer) } : {}),
    ...(layer.biasInitializer ? { biasInitializer: tfInitializer(layer.biasInitializer) } : {})
  }
}

/** The tfjs layers for one spec layer; `name` makes weights readable (e.g. "L0_conv2d/kernel"). */
function tfLayersFor(layer: LayerSpec, name: string, inputShape?: number[]): tf.layers.Layer[] {
  const base = inputShape ? { name, inputShape } : { name }
  switch (layer.type) {
    case 'conv2d': {
      const { inline, leaky } = splitActivation(layer.activation)
      const conv = tf.layers.conv2d({
        ...base,
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        strides: layer.strides,
        padding: layer.padding,
        activation: inline,
        useBias: layer.useBias,
        dataFormat: 'channelsLast',
        ...initializerConfig(layer)
      })
      return leaky ? [conv, tf.layers.leakyReLU({ name: `${name}_leakyRelu` })] : [conv]
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const config = {
        ...base,
        poolSize: layer.poolSize,
        strides: poolStrides(layer),
        padding: layer.padding,
        dataFormat: 'channelsLast' as const
      }
      return [
        layer.type === 'maxPool2d' ? tf.layers.maxPooling2d(config) : tf.layers.averagePooling2d(config)
      ]
    }
    case 'batchNorm':
      return [tf.layers.batchNormalization({ ...base, momentum: layer.momentum, epsilon: layer.epsilon })]
    case 'dropout':
      return [tf.layers.dropout({ ...base, rate: layer.rate })]
    case 'flatten':
      return [tf.layers.flatten({ ...base, dataFormat: 'channelsLast' })]
    case 'globalAveragePool':
      return [tf.layers.globalAveragePooling2d({ ...base, dataFormat: 'channelsLast' })]
    case 'dense': {
      const { inline, leaky } = splitActivation(layer.activation)
      const dense = tf.layers.dense({
        ...base,
        units: layer.units,
        activation: inline,
        useBias: layer.useBias,
        ...initializerConfig(layer)
      })
      return leaky ? [dense, tf.layers.leakyReLU({ name: `${name}_leakyRelu` })] : [dense]
    }
    case 'activation':
      return layer.activation === 'leakyRelu'
        ? [tf.layers.leakyReLU(base)]
        : [tf.layers.activation({ ...base, activation: layer.activation })]
  }
}

/**
 * Builds the tfjs model of a spec (anything: it is validated first) and tells which tfjs layers each
 * spec layer became. Throws NetworkSpecError listing every error when the spec cannot be built.
 */
export function buildModelWithLayerMap(spec: unknown, options: SummarizeOptions = {}): BuiltModel {
  const summary = summarizeNetwork(spec, options)
  if (summary.errors.length > 0 || summary.spec === null) throw new NetworkSpecError(summary.errors)
  const { input, layers } = summary.spec
  const model = tf.sequential()
  const layerMap: number[][] = []
  try {
    layers.forEach((layer, index) => {
      const inputShape = index === 0 ? [input.height, input.width, input.channels] : undefined
      const indexes: number[] = []
      for (const tfLayer of tfLayersFor(layer, `L${index}_${layer.type}`, inputShape)) {
        model.add(tfLayer)
        indexes.push(model.layers.length - 1)
      }
      layerMap.push(indexes)
    })
  } catch (error) {
    if (model.layers.length > 0) model.dispose()
    throw error
  }
  return { model, layerMap }
}

/** Builds the tfjs model of a spec; see buildModelWithLayerMap. */
export function buildModel(spec: unknown, options: SummarizeOptions = {}): tf.Sequential {
  return buildModelWithLayerMap(spec, options).model
}
