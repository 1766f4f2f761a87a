import { LAYER_KINDS, type LayerKind, type LayerSpec } from '../../../../shared/network'

/** Names people use for each kind, for the palette and the blocks. */
export const KIND_TITLES: Record<LayerKind, string> = {
  conv2d: 'Conv 2D',
  maxPool2d: 'Max pool',
  avgPool2d: 'Average pool',
  batchNorm: 'Batch norm',
  dropout: 'Dropout',
  flatten: 'Flatten',
  globalAveragePool: 'Global avg pool',
  dense: 'Dense',
  activation: 'Activation'
}

export const KIND_HINTS: Record<LayerKind, string> = {
  conv2d: 'Slides learned filters over the image; each filter makes one output channel.',
  maxPool2d: 'Keeps the largest value of each window: halves height and width with a 2×2 pool.',
  avgPool2d: 'Averages each window: halves height and width with a 2×2 pool.',
  batchNorm: 'Normalises each channel over the batch; steadies and speeds up training.',
  dropout: 'Zeroes a random fraction of values while training, against overfitting.',
  flatten: 'Unrolls height × width × channels into one long vector for dense layers.',
  globalAveragePool: 'Averages each channel over the whole image: one value per channel.',
  dense: 'Every input connected to every unit; the last one is the classifier.',
  activation: 'Applies a non-linearity such as ReLU on its own.'
}

const pair = (p: readonly [number, number] | undefined): string => (p ? `${p[0]}×${p[1]}` : '?')

/** The settings that matter at a glance, e.g. "5×5 ×32 · same · relu". Tolerates invalid values. */
export function layerSettingsText(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv2d': {
      const stride = layer.strides && (layer.strides[0] !== 1 || layer.strides[1] !== 1)
      const parts = [`${pair(layer.kernelSize)} ×${layer.filters}`, layer.padding]
      if (stride) parts.push(`stride ${pair(layer.strides)}`)
      return [...parts, layer.activation].join(' · ')
    }
    case 'maxPool2d':
    case 'avgPool2d': {
      const strides = layer.strides ?? layer.poolSize
      return `${pair(layer.poolSize)} · stride ${pair(strides)} · ${layer.padding}`
    }
    case 'dense':
      return `${layer.units} units · ${layer.activation}`
    case 'dropout':
      return `rate ${layer.rate}`
    case 'activation':
      return layer.activation
    case 'batchNorm':
      return `momentum ${layer.momentum}`
    default:
      return ''
  }
}

export function isLayerKind(value: string): value is LayerKind {
  return (LAYER_KINDS as readonly string[]).includes(value)
}
