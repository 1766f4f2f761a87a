import * as tf from '@tensorflow/tfjs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { saveFinalModel } from '../../../src/main/engine/training/modelFiles'
import { writeRunJson } from '../../../src/main/engine/training/runFolder'
import type { NetworkSpec } from '../../../src/shared/network'
import { defaultTrainingSettings } from '../../../src/shared/training'

export async function tempDir(prefix = 'cw-export-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** mulberry32: small, seedable, the same numbers on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Fixed pseudo-random weights instead of training: kernels scaled by fan-in, and batch-norm statistics
 * far from the identity so a mistake in their order or epsilon shows. `gain` scales the kernels, for
 * networks whose sigmoid/softmax layers would otherwise squash every image to the same output.
 */
export function setSeededWeights(model: tf.LayersModel, seed: number, gain = 1): void {
  const random = seeded(seed)
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random()
  for (const w of model.weights) {
    const shape = w.shape as number[]
    const size = shape.reduce((a, b) => a * b, 1)
    const kind = w.originalName.split('/').pop()
    const fanIn = shape.length > 1 ? size / (shape[shape.length - 1] ?? 1) : 1
    // He-uniform keeps activations from shrinking through ReLUs, so the classes still differ at the end.
    const scale = gain * Math.sqrt(6 / fanIn)
    const pick: Record<string, () => number> = {
      kernel: () => uniform(-scale, scale),
      bias: () => uniform(-0.05, 0.05),
      gamma: () => uniform(0.5, 1.5),
      beta: () => uniform(-0.3, 0.3),
      moving_mean: () => uniform(-0.4, 0.4),
      moving_variance: () => uniform(0.3, 2)
    }
    const next = pick[kind ?? ''] ?? (() => uniform(-0.1, 0.1))
    const values = Float32Array.from({ length: size }, next)
    tf.tidy(() => {
      w.write(tf.tensor(values, shape))
    })
  }
}

/**
 * Every layer kind and activation the designer offers, on an odd input size so 'same' padding is
 * uneven somewhere. `pool` chooses how the map becomes flat (a network has one or the other).
 */
export function everyKindSpec(pool: 'flatten' | 'globalAveragePool', classes = 5): NetworkSpec {
  return {
    input: { height: 13, width: 13, channels: 3 },
    layers: [
      {
        type: 'conv2d',
        filters: 4,
        kernelSize: [3, 3],
        strides: [1, 1],
        padding: 'same',
        activation: 'relu',
        useBias: true
      },
      { type: 'batchNorm', momentum: 0.99, epsilon: 0.001 },
      {
        type: 'conv2d',
        filters: 6,
        kernelSize: [4, 4],
        strides: [2, 2],
        padding: 'same',
        activation: 'leakyRelu',
        useBias: true
      },
      { type: 'maxPool2d', poolSize: [2, 2], strides: [2, 2], padding: 'same' },
      { type: 'activation', activation: 'sigmoid' },
      { type: 'avgPool2d', poolSize: [2, 2], strides: [1, 1], padding: 'same' },
      {
        type: 'conv2d',
        filters: 8,
        kernelSize: [2, 3],
        strides: [1, 1],
        padding: 'valid',
        activation: 'tanh',
        useBias: false
      },
      { type: 'avgPool2d', poolSize: [2, 2], strides: [1, 1], padding: 'valid' },
      // A softmax over channels before a global average would leave every image with the same output.
      { type: 'activation', activation: pool === 'flatten' ? 'softmax' : 'elu' },
      { type: 'dropout', rate: 0.25 },
      { type: pool },
      { type: 'batchNorm', momentum: 0.9, epsilon: 0.01 },
      { type: 'dense', units: 16, activation: 'elu', useBias: true },
      { type: 'activation', activation: 'leakyRelu' },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 12, activation: 'linear', useBias: false },
      { type: 'activation', activation: 'tanh' },
      { type: 'dense', units: classes, activation: 'softmax', useBias: true }
    ]
  }
}

/**
 * `count` images as float32 NHWC in [0,1], the way the app feeds its model: each a random gradient with
 * its own brightness, direction, per-channel tint and noise, so the images (and the classes) differ.
 */
export function randomImages(
  count: number,
  input: { height: number; width: number; channels: number },
  seed: number
): Float32Array {
  const random = seeded(seed)
  const { height, width, channels } = input
  const out = new Float32Array(count * height * width * channels)
  let k = 0
  for (let n = 0; n < count; n++) {
    const base = random()
    const [gx, gy] = [random() * 2 - 1, random() * 2 - 1]
    const noise = random() * 0.6
    const tint = Array.from({ length: channels }, () => random() * 0.6 - 0.3)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) {
          const v =
            base +
            gx * (x / width - 0.5) +
            gy * (y / height - 0.5) +
            (tint[c] ?? 0) +
            noise * (random() - 0.5)
          out[k++] = Math.round(Math.min(1, Math.max(0, v)) * 255) / 255
        }
  }
  return out
}

/**
 * A run folder as training leaves it, without training: run.json plus model/ saved by saveFinalModel.
 * Returns the in-memory model (dispose it) so tests can compare against it.
 */
export async function writeTestRun(
  runDir: string,
  network: NetworkSpec,
  classNames: string[],
  seed = 7
): Promise<tf.Sequential> {
  const model = buildModel(network)
  setSeededWeights(model, seed)
  await saveFinalModel(runDir, model)
  const now = new Date().toISOString()
  await writeRunJson(runDir, {
    version: 1,
    id: path.basename(runDir),
    status: 'completed',
    createdAt: now,
    updatedAt: now,
    settings: defaultTrainingSettings(),
    network,
    augment: null,
    dataset: {
      source: { kind: 'folder', path: '/synthetic/shapes' },
      options: { resize: 'stretch' },
      input: {
        height: network.input.height,
        width: network.input.width,
        channels: network.input.channels === 1 ? 1 : 3
      },
      classNames,
      counts: { train: 0, val: 0, test: 0 }
    },
    backend: null,
    epochsCompleted: 1,
    step: 1,
    final: null,
    pid: null,
    error: null,
    warnings: [],
    initialWeights: null
  })
  return model
}
