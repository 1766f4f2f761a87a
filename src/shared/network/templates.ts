import type { LayerSpec, NetworkInputShape, NetworkSpec } from './networkSpec'

/** Starting points for the Network room and `--template NAME`; each fits any input from 28×28 up. */
export const TEMPLATE_NAMES = ['lecture', 'lenet5', 'vgg-small', 'tiny', 'softmax-regression'] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

export interface NetworkTemplate {
  name: TemplateName
  title: string
  description: string
  build: (input: NetworkInputShape, classes: number) => NetworkSpec
}

const conv = (
  filters: number,
  size: number,
  padding: 'same' | 'valid',
  activation: 'relu' | 'linear' = 'relu',
  useBias = true
): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernelSize: [size, size],
  strides: [1, 1],
  padding,
  activation,
  useBias
})
const maxPool = (): LayerSpec => ({ type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' })
const dense = (units: number, activation: 'relu' | 'softmax'): LayerSpec => ({
  type: 'dense',
  units,
  activation,
  useBias: true
})

function lecture(input: NetworkInputShape, classes: number): NetworkSpec {
  return {
    input,
    layers: [
      conv(32, 5, 'same'),
      maxPool(),
      conv(64, 5, 'same'),
      maxPool(),
      { type: 'flatten' },
      dense(1024, 'relu'),
      { type: 'dropout', rate: 0.5 },
      dense(classes, 'softmax')
    ]
  }
}

/** LeNet-5's layout (6 and 16 filters, average pooling, 120-84 dense) with ReLU in place of tanh. */
function lenet5(input: NetworkInputShape, classes: number): NetworkSpec {
  const avgPool: LayerSpec = { type: 'avgPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'valid' }
  return {
    input,
    layers: [
      conv(6, 5, 'same'),
      avgPool,
      conv(16, 5, 'valid'),
      avgPool,
      { type: 'flatten' },
      dense(120, 'relu'),
      dense(84, 'relu'),
      dense(classes, 'softmax')
    ]
  }
}

/** VGG blocks (conv-BN-ReLU twice, then pool); three blocks from 32×32 up, two below, so 28×28 ends at 7×7. */
function vggSmall(input: NetworkInputShape, classes: number): NetworkSpec {
  const blocks = Math.min(input.height, input.width) >= 32 ? [32, 64, 128] : [32, 64]
  const layers: LayerSpec[] = []
  for (const filters of blocks) {
    for (let i = 0; i < 2; i++) {
      // The bias is redundant before batch-norm, which adds its own shift.
      layers.push(conv(filters, 3, 'same', 'linear', false), {
        type: 'batchNorm',
        momentum: 0.99,
        epsilon: 0.001
      })
      layers.push({ type: 'activation', activation: 'relu' })
    }
    layers.push(maxPool())
  }
  layers.push({ type: 'globalAveragePool' }, dense(128, 'relu'), { type: 'dropout', rate: 0.3 })
  layers.push(dense(classes, 'softmax'))
  return { input, layers }
}

/** Small enough to train in seconds on a CPU: one conv, one pool, the classifier. */
function tiny(input: NetworkInputShape, classes: number): NetworkSpec {
  return { input, layers: [conv(8, 3, 'same'), maxPool(), { type: 'flatten' }, dense(classes, 'softmax')] }
}

/** The lecture's baseline before any convolution: every pixel straight into a softmax (about 92 % on MNIST). */
function softmaxRegression(input: NetworkInputShape, classes: number): NetworkSpec {
  return { input, layers: [{ type: 'flatten' }, dense(classes, 'softmax')] }
}

export const NETWORK_TEMPLATES: Record<TemplateName, NetworkTemplate> = {
  lecture: {
    name: 'lecture',
    title: 'Lecture: Deep MNIST',
    description: 'conv 5×5×32 → max-pool → conv 5×5×64 → max-pool → dense 1024 → dropout 0.5 → softmax',
    build: lecture
  },
  lenet5: {
    name: 'lenet5',
    title: 'LeNet-5',
    description: 'conv 5×5×6 → avg-pool → conv 5×5×16 → avg-pool → dense 120 → dense 84 → softmax',
    build: lenet5
  },
  'vgg-small': {
    name: 'vgg-small',
    title: 'Small VGG',
    description: 'blocks of two 3×3 convs with batch-norm and a max-pool, global average pool, dense 128',
    build: vggSmall
  },
  tiny: {
    name: 'tiny',
    title: 'Tiny (quick experiments)',
    description: 'conv 3×3×8 → max-pool → softmax; trains in seconds',
    build: tiny
  },
  'softmax-regression': {
    name: 'softmax-regression',
    title: 'Softmax regression',
    description: 'flatten → dense softmax: no convolution, the lecture’s baseline (about 92 % on MNIST)',
    build: softmaxRegression
  }
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name)
}

export function buildTemplate(name: TemplateName, input: NetworkInputShape, classes: number): NetworkSpec {
  return NETWORK_TEMPLATES[name].build(input, classes)
}
