import type { Initializer } from '../network/initializers'
import type { Activation, NetworkSpec } from '../network/networkSpec'
import { poolStrides } from '../network/networkSpec'
import type { PreprocessingManifest } from './exportManifest'
import {
  hasPadding,
  isSymmetric,
  LEAKY_RELU_ALPHA,
  layerGeometry,
  windowPads,
  type LayerGeometry,
  type SidePads
} from './layerGeometry'
import { PYTHON_WEIGHT_READER, pyString, pyTuple } from './pythonWeightReader'
import { PYTORCH_LOADER, SAME_AVG_POOL } from './pytorchLoader'

/*
 * A PyTorch module defining the same network in NCHW, one named entry per operation. TensorFlow's
 * 'same' padding puts an odd extra pixel at the bottom/right, which PyTorch's symmetric padding cannot
 * say, so such layers get an explicit pad module in front.
 */

type Entry = [name: string, module: string]

const ACTIVATION_MODULES: Record<Exclude<Activation, 'linear'>, string> = {
  relu: 'nn.ReLU()',
  elu: 'nn.ELU(alpha=1.0)',
  leakyRelu: `nn.LeakyReLU(${LEAKY_RELU_ALPHA})`,
  sigmoid: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  // dim 1 is the channel axis of an NCHW map and the feature axis of a flat vector, as tfjs' last axis.
  softmax: 'nn.Softmax(dim=1)'
}

function activationEntry(name: string, activation: Activation): Entry[] {
  return activation === 'linear' ? [] : [[name, ACTIVATION_MODULES[activation]]]
}

/** F.pad order: (left, right, top, bottom). */
const padTuple = (p: SidePads): string => pyTuple([p.left, p.right, p.top, p.bottom])

function windowEntries(g: LayerGeometry): Entry[] {
  const { layer, name, inputShape } = g
  if (layer.type !== 'conv2d' && layer.type !== 'maxPool2d' && layer.type !== 'avgPool2d') return []
  const kernel = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize
  const strides = layer.type === 'conv2d' ? layer.strides : poolStrides(layer)
  const pads = windowPads(inputShape, kernel, strides, layer.padding)
  const symmetric = isSymmetric(pads)
  const inline = symmetric ? `padding=${pyTuple([pads.top, pads.left])}` : 'padding=0'
  const entries: Entry[] = []
  if (layer.type === 'conv2d') {
    if (!symmetric) entries.push([`${name}_pad`, `nn.ZeroPad2d(${padTuple(pads)})`])
    const inC = inputShape[2] ?? 0
    entries.push([
      name,
      `nn.Conv2d(${inC}, ${layer.filters}, ${pyTuple(kernel)}, stride=${pyTuple(strides)}, ${inline}, bias=${layer.useBias ? 'True' : 'False'})`
    ])
    return [...entries, ...activationEntry(`${name}_${layer.activation}`, layer.activation)]
  }
  if (layer.type === 'maxPool2d') {
    // Padded cells must never win the max, so they are -inf (PyTorch's own padding does the same).
    if (!symmetric) entries.push([`${name}_pad`, `nn.ConstantPad2d(${padTuple(pads)}, float("-inf"))`])
    entries.push([name, `nn.MaxPool2d(${pyTuple(kernel)}, stride=${pyTuple(strides)}, ${inline})`])
    return entries
  }
  if (!symmetric && hasPadding(pads)) {
    return [[name, `TfSameAvgPool2d(${pyTuple(kernel)}, ${pyTuple(strides)}, ${padTuple(pads)})`]]
  }
  // TensorFlow averages only the cells inside the image.
  return [
    [name, `nn.AvgPool2d(${pyTuple(kernel)}, stride=${pyTuple(strides)}, ${inline}, count_include_pad=False)`]
  ]
}

function entriesFor(g: LayerGeometry): Entry[] {
  const { layer, name, inputShape } = g
  switch (layer.type) {
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d':
      return windowEntries(g)
    case 'batchNorm': {
      const image = inputShape.length === 3
      const channels = inputShape[inputShape.length - 1] ?? 0
      // PyTorch's momentum weighs the new batch; Keras' weighs the running value.
      const momentum = Math.round((1 - layer.momentum) * 1e6) / 1e6
      return [
        [name, `nn.BatchNorm${image ? '2' : '1'}d(${channels}, eps=${layer.epsilon}, momentum=${momentum})`]
      ]
    }
    case 'dropout':
      return [[name, `nn.Dropout(p=${layer.rate})`]]
    case 'flatten':
      return [[name, 'nn.Flatten()']]
    case 'globalAveragePool':
      return [
        [name, 'nn.AdaptiveAvgPool2d(1)'],
        [`${name}_flatten`, 'nn.Flatten()']
      ]
    case 'dense': {
      const line = `nn.Linear(${inputShape[0] ?? 0}, ${layer.units}, bias=${layer.useBias ? 'True' : 'False'})`
      return [[name, line], ...activationEntry(`${name}_${layer.activation}`, layer.activation)]
    }
    case 'activation':
      return activationEntry(name, layer.activation)
  }
}

/**
 * The weighted layers for the loader: [name, kind, hwc] where hwc is the [h, w, c] map a Flatten made
 * flat when the layer sits between that Flatten and the first Linear after it (inclusive): their weights
 * follow tfjs' h-w-c order and must be reordered to PyTorch's c-h-w.
 */
function weightedLayers(geometry: LayerGeometry[]): string[] {
  const rows: string[] = []
  let flattened: number[] | null = null
  for (const g of geometry) {
    const { layer } = g
    if (layer.type === 'flatten') flattened = g.inputShape
    if (layer.type === 'globalAveragePool') flattened = null
    if (layer.type === 'conv2d' || layer.type === 'dense' || layer.type === 'batchNorm') {
      const hwc = flattened ? pyTuple(flattened) : 'None'
      rows.push(`    (${pyString(g.name)}, ${pyString(layer.type)}, ${hwc}),`)
    }
    if (layer.type === 'dense') flattened = null
  }
  return rows
}

/** A spec initializer as the Python tuple `_initialize` reads. */
function pyInitializer(init: Initializer | undefined): string {
  if (!init) return 'None'
  switch (init.type) {
    case 'glorotUniform':
      return '("glorot_uniform",)'
    case 'heNormal':
      return '("he_normal",)'
    case 'truncatedNormal':
      return `("truncated_normal", ${init.mean ?? 0}, ${init.stddev})`
    case 'constant':
      return `("constant", ${init.value})`
    case 'zeros':
      return '("zeros",)'
  }
}

/**
 * The layers whose spec sets an initializer, and the code that applies them when the module is built:
 * PyTorch's own defaults are not Keras', and a module trained from scratch should start as the app's
 * does (the exported weights, loaded afterwards, replace them). Empty for a spec without initializers.
 */
function initializerCode(geometry: LayerGeometry[]): { table: string; call: string } {
  const rows = geometry.flatMap(({ layer, name }) =>
    (layer.type === 'conv2d' || layer.type === 'dense') && (layer.kernelInitializer || layer.biasInitializer)
      ? [
          `    "${name}": (${pyInitializer(layer.kernelInitializer)}, ${pyInitializer(layer.biasInitializer)}),`
        ]
      : []
  )
  if (rows.length === 0) return { table: '', call: '' }
  return {
    table: `${INITIALIZERS_CODE.replace('{ROWS}', rows.join('\n'))}`,
    call: '\n        _initialize(self.net)'
  }
}

const INITIALIZERS_CODE = `
# The spec's initializers, (weight, bias) per layer, as tfjs draws them: truncated normals are cut at 2σ.
INITIALIZERS = {
{ROWS}
}


def _initialize(net):
    for name, inits in INITIALIZERS.items():
        layer = getattr(net, name)
        for param, init in zip((layer.weight, layer.bias), inits):
            if init is None or param is None:
                continue
            with torch.no_grad():
                if init[0] == "truncated_normal":
                    mean, std = init[1], init[2]
                    nn.init.trunc_normal_(param, mean=mean, std=std, a=mean - 2 * std, b=mean + 2 * std)
                elif init[0] == "he_normal":
                    # tfjs' fans: in·kh·kw for a kernel, √n for a vector.
                    fan_in = param.shape[1] * param[0][0].numel() if param.dim() > 1 else param.numel() ** 0.5
                    std = (2.0 / fan_in) ** 0.5
                    nn.init.trunc_normal_(param, std=std, a=-2 * std, b=2 * std)
                elif init[0] == "glorot_uniform":
                    nn.init.xavier_uniform_(param)
                elif init[0] == "constant":
                    nn.init.constant_(param, init[1])
                else:
                    nn.init.zeros_(param)

`

/**
 * The PyTorch (Python) module for a spec; `manifest` fills in the preprocessing the script documents.
 * `weightsFolder` is where the weights sit relative to the script ("" = beside it).
 */
export function generatePytorchModule(
  spec: NetworkSpec,
  manifest: PreprocessingManifest,
  weightsFolder = ''
): string {
  const folder = weightsFolder
    ? `os.path.join(os.path.dirname(os.path.abspath(__file__)), ${pyString(weightsFolder)})`
    : 'os.path.dirname(os.path.abspath(__file__))'
  const where = weightsFolder ? `in ${weightsFolder}/` : 'next to this file'
  const geometry = layerGeometry(spec)
  const entries = geometry.flatMap(entriesFor)
  const needsSamePool = entries.some(([, m]) => m.startsWith('TfSameAvgPool2d('))
  const { height, width, channels } = spec.input
  const body = entries.map(([name, module]) => `                    (${pyString(name)}, ${module}),`)
  const initializers = initializerCode(geometry)
  return `"""CNN Workbench export: the network as a PyTorch module (NCHW).

Load the weights exported ${where} (model.json + weights.bin):
    model = ExportedNet()
    load_exported_weights(model, ${folder})
    model.eval()

Preprocess an image as the app did: resize to ${width}x${height} (${manifest.resize}), ${channels === 1 ? 'greyscale' : 'RGB'},
alpha flattened onto black, float32 = uint8 / 255, then lay it out as [N, ${channels}, ${height}, ${width}]
(an HWC array x becomes torch.from_numpy(x).permute(2, 0, 1).unsqueeze(0)).
Classes, in output order: ${manifest.classes.join(', ')}
${manifest.output === 'logits' ? 'The last layer gives raw scores; apply torch.softmax(y, dim=1) for probabilities.' : 'The last layer gives class probabilities.'}
"""
import json
import os
from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

CLASSES = ${JSON.stringify(manifest.classes)}
INPUT_SHAPE = ${pyTuple([channels, height, width])}  # (channels, height, width)
${needsSamePool ? SAME_AVG_POOL : ''}${initializers.table}

class ExportedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            OrderedDict(
                [
${body.join('\n')}
                ]
            )
        )${initializers.call}

    def forward(self, x):
        return self.net(x)


WEIGHTED_LAYERS = [
${weightedLayers(geometry).join('\n')}
]


${PYTHON_WEIGHT_READER}${PYTORCH_LOADER}

if __name__ == "__main__":
    m = ExportedNet()
    load_exported_weights(m, ${folder})
    m.eval()
    print(m)
`
}
