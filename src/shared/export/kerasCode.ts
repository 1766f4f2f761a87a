import type { Initializer } from '../network/initializers'
import type { Activation, NetworkSpec } from '../network/networkSpec'
import { poolStrides } from '../network/networkSpec'
import { LEAKY_RELU_ALPHA, layerGeometry, type LayerGeometry } from './layerGeometry'
import type { PreprocessingManifest } from './exportManifest'
import { PYTHON_WEIGHT_READER, pyString, pyTuple } from './pythonWeightReader'

/*
 * A Keras script defining the same network layer by layer, with the same layer names as the app's tfjs
 * model, so the exported weights load by name. A conv/dense with leakyRelu becomes the layer plus a
 * LeakyReLU layer, exactly as in the app.
 */

function kerasActivation(activation: Activation): string {
  return activation === 'leakyRelu' || activation === 'linear' ? 'None' : pyString(activation)
}

function leaky(name: string): string {
  return `layers.LeakyReLU(negative_slope=${LEAKY_RELU_ALPHA}, name=${pyString(name)}),`
}

function kerasInitializer(init: Initializer): string {
  switch (init.type) {
    case 'glorotUniform':
      return 'keras.initializers.GlorotUniform()'
    case 'heNormal':
      return 'keras.initializers.HeNormal()'
    case 'truncatedNormal':
      return `keras.initializers.TruncatedNormal(mean=${init.mean ?? 0}, stddev=${init.stddev})`
    case 'constant':
      return `keras.initializers.Constant(${init.value})`
    case 'zeros':
      return 'keras.initializers.Zeros()'
  }
}

/** The initializers a conv or dense layer sets, as Keras arguments (none when it keeps the defaults). */
function initializerArgs(layer: { kernelInitializer?: Initializer; biasInitializer?: Initializer }): string {
  const args = [
    layer.kernelInitializer ? `kernel_initializer=${kerasInitializer(layer.kernelInitializer)}` : '',
    layer.biasInitializer ? `bias_initializer=${kerasInitializer(layer.biasInitializer)}` : ''
  ].filter(Boolean)
  return args.map((a) => `${a}, `).join('')
}

function kerasLines(g: LayerGeometry): string[] {
  const { layer, name } = g
  const named = `name=${pyString(name)}`
  switch (layer.type) {
    case 'conv2d': {
      const line = `layers.Conv2D(${layer.filters}, ${pyTuple(layer.kernelSize)}, strides=${pyTuple(layer.strides)}, padding=${pyString(layer.padding)}, activation=${kerasActivation(layer.activation)}, use_bias=${layer.useBias ? 'True' : 'False'}, ${initializerArgs(layer)}${named}),`
      return layer.activation === 'leakyRelu' ? [line, leaky(`${name}_leakyRelu`)] : [line]
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const cls = layer.type === 'maxPool2d' ? 'MaxPooling2D' : 'AveragePooling2D'
      return [
        `layers.${cls}(${pyTuple(layer.poolSize)}, strides=${pyTuple(poolStrides(layer))}, padding=${pyString(layer.padding)}, ${named}),`
      ]
    }
    case 'batchNorm':
      return [`layers.BatchNormalization(momentum=${layer.momentum}, epsilon=${layer.epsilon}, ${named}),`]
    case 'dropout':
      return [`layers.Dropout(${layer.rate}, ${named}),`]
    case 'flatten':
      return [`layers.Flatten(${named}),`]
    case 'globalAveragePool':
      return [`layers.GlobalAveragePooling2D(${named}),`]
    case 'dense': {
      const line = `layers.Dense(${layer.units}, activation=${kerasActivation(layer.activation)}, use_bias=${layer.useBias ? 'True' : 'False'}, ${initializerArgs(layer)}${named}),`
      return layer.activation === 'leakyRelu' ? [line, leaky(`${name}_leakyRelu`)] : [line]
    }
    case 'activation':
      return layer.activation === 'leakyRelu'
        ? [leaky(name)]
        : [`layers.Activation(${pyString(layer.activation)}, ${named}),`]
  }
}

const LOADER = `
# Keras orders each layer's weights as tfjs does (kernel, bias; gamma, beta, moving_mean, moving_variance)
# and uses the same NHWC layout and [kh, kw, in, out] / [in, out] kernels, so no transposing is needed.
WEIGHT_ORDER = ["kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"]


def load_exported_weights(model, folder):
    weights = read_exported_weights(folder)
    for layer in model.layers:
        names = [n for n in weights if n.rsplit("/", 1)[0] == layer.name]
        if not names:
            continue
        names.sort(key=lambda n: WEIGHT_ORDER.index(n.rsplit("/", 1)[1]))
        layer.set_weights([weights[n] for n in names])
`

/** The Keras (Python) script for a spec; `manifest` fills in the preprocessing the script documents. */
export function generateKerasScript(spec: NetworkSpec, manifest: PreprocessingManifest): string {
  const geometry = layerGeometry(spec)
  const { height, width, channels } = spec.input
  const body = geometry.flatMap((g) => kerasLines(g).map((line) => `            ${line}`))
  const softmax = manifest.output === 'logits'
  return `"""CNN Workbench export: the network as Keras layers.

Load the weights exported next to this file (model.json + weights.bin):
    model = build_model()
    load_exported_weights(model, os.path.dirname(__file__))

Preprocess an image as the app did: resize to ${width}x${height} (${manifest.resize}), ${channels === 1 ? 'greyscale' : 'RGB'},
alpha flattened onto black, shape (${height}, ${width}, ${channels}), float32 = uint8 / 255.
Classes, in output order: ${manifest.classes.join(', ')}
${softmax ? 'The last layer gives raw scores; apply a softmax for probabilities.' : 'The last layer gives class probabilities.'}
"""
import json
import os

import numpy as np
import keras
from keras import layers

CLASSES = ${JSON.stringify(manifest.classes)}


def build_model():
    # Keras 2 (tf.keras) spells LeakyReLU's slope "alpha" instead of "negative_slope".
    return keras.Sequential(
        [
            keras.Input(shape=${pyTuple([height, width, channels])}),
${body.join('\n')}
        ]
    )


${PYTHON_WEIGHT_READER}${LOADER}

if __name__ == "__main__":
    m = build_model()
    load_exported_weights(m, os.path.dirname(os.path.abspath(__file__)))
    m.summary()
`
}
