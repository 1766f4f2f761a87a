import type { Initializer, NetworkInputShape, NetworkSpec } from '../network'
import { buildTemplate } from '../network/templates'
import type { RunJson } from './runJson'
import type { TrainingSettingsInput } from './trainingSettings'

/**
 * "Reproduce Deep MNIST": the lecture's run of its network (TensorFlow's Deep MNIST tutorial). Kernels
 * from a normal truncated at 2σ with σ = 0.1, biases at 0.1, Adam at 1e-4, batches of 32 for 20,000
 * steps, accuracy every 1,000 steps on 2,048 training and 2,048 test images with dropout off. The lecture
 * reports 0.9915 on the whole test set at the end.
 */
export const DEEP_MNIST_TEST_ACCURACY = 0.9915

const KERNEL: Initializer = { type: 'truncatedNormal', stddev: 0.1 }
const BIAS: Initializer = { type: 'constant', value: 0.1 }

export const DEEP_MNIST_SETTINGS = {
  steps: 20_000,
  batchSize: 32,
  optimizer: 'adam',
  learningRate: 1e-4,
  schedule: { type: 'constant' },
  weightDecay: 0,
  augment: false,
  // The lecture measures on its fixed samples every 1,000 steps instead of a validation split.
  validateEachEpoch: false,
  earlyStopping: { enabled: false, patience: 3 },
  evaluation: { everySteps: 1000, images: 2048 }
} as const satisfies TrainingSettingsInput

/** The lecture network with the lecture's initializers on every conv and dense layer. */
export function deepMnistNetwork(input: NetworkInputShape, classes: number): NetworkSpec {
  const spec = buildTemplate('lecture', input, classes)
  return {
    ...spec,
    layers: spec.layers.map((layer) =>
      layer.type === 'conv2d' || layer.type === 'dense'
        ? { ...layer, kernelInitializer: KERNEL, biasInitializer: BIAS }
        : layer
    )
  }
}

/** JSON with every object's keys sorted, so two specs compare by content whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v
  )
}

/**
 * The lecture's test accuracy when `run` is the Deep MNIST recipe on MNIST (any number of steps, so a
 * short run is shown beside the figure it is heading for), else null.
 */
export function lectureTestAccuracy(run: Pick<RunJson, 'network' | 'dataset' | 'settings'>): number | null {
  if (run.dataset.source.kind !== 'mnist') return null
  const { input, classNames } = run.dataset
  const same = canonical(run.network.layers) === canonical(deepMnistNetwork(input, classNames.length).layers)
  const s = run.settings
  const recipe =
    s.optimizer === DEEP_MNIST_SETTINGS.optimizer &&
    s.learningRate === DEEP_MNIST_SETTINGS.learningRate &&
    s.batchSize === DEEP_MNIST_SETTINGS.batchSize &&
    !s.augment
  return same && recipe ? DEEP_MNIST_TEST_ACCURACY : null
}
