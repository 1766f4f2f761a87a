/**
 * Time of one augmentation batch with the full pipeline (every op applied to every sample):
 * 128 × 28×28×1 (MNIST-sized) and 32 × 224×224×3 (photo-sized), on the backend training would pick
 * (and on any other named with --backends), beside one training step of the lecture network at batch 128
 * on the same backend. Target: the 28×28 batch costs ≤ 5% of a training step.
 *
 *   npm run bench:augment [-- --repeats 5] [--backends best,cpu]
 *
 * Prints the median milliseconds per batch, split into the geometric resampling and the pixel ops.
 */
import * as tf from '@tensorflow/tfjs'
import { augmentBatch, augmentPreview } from '../src/main/engine/augment'
import { selectBackend, type BackendName } from '../src/main/engine/backend/selectBackend'
import { buildModel } from '../src/main/engine/network/buildModel'
import type { AugmentSpec } from '../src/shared/augment'
import { buildTemplate } from '../src/shared/network'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const repeats = Number(arg('repeats', '5'))
const backends = arg('backends', 'best').split(',')

const geometric: AugmentSpec['ops'] = [
  { type: 'flip', direction: 'horizontal' },
  { type: 'rotate', degrees: [-30, 30] },
  { type: 'shift', x: [-3, 3], y: [-3, 3] },
  { type: 'scale', factor: [0.7, 1.0] }
]
const pixel: AugmentSpec['ops'] = [
  { type: 'saltPepper', amount: 0.05 },
  { type: 'gaussianNoise', sigma: 0.1 },
  { type: 'brightness', delta: [-0.2, 0.2] },
  { type: 'contrast', factor: [0.8, 1.2] }
]
const SPECS: [string, AugmentSpec][] = [
  ['full', { ops: [...geometric, ...pixel] }],
  ['geometric', { ops: geometric }],
  ['pixel', { ops: pixel }]
]
const SHAPES: [number, number, number, number][] = [
  [128, 28, 28, 1],
  [32, 224, 224, 3]
]

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

function timeBatch(images: tf.Tensor4D, spec: AugmentSpec, epoch: number): number {
  const keys = Array.from({ length: images.shape[0] }, (_, index) => ({ index }))
  const start = performance.now()
  const out = augmentBatch(images, keys, spec, { seed: 1, epoch })
  out.dataSync() // wait for the backend to finish
  const ms = performance.now() - start
  out.dispose()
  return ms
}

/** Median milliseconds of one lecture-network training step (Adam, softmax cross-entropy) at `batch`. */
async function lectureStepMs(batch: number): Promise<number> {
  const model = buildModel(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10))
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' })
  const x = tf.randomUniform([batch, 28, 28, 1])
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10))
  await model.trainOnBatch(x, y)
  const times: number[] = []
  for (let i = 0; i < Math.max(3, repeats); i++) {
    const start = performance.now()
    await model.trainOnBatch(x, y)
    times.push(performance.now() - start)
  }
  tf.dispose([x, y])
  model.dispose()
  return median(times)
}

/** Median engine time of one Augment-room preview (what one slider change costs before the round trip). */
function previewTime(size: number, channels: number): number {
  const images = Array.from({ length: 8 }, (_, i) =>
    Uint8Array.from({ length: size * size * channels }, (_, j) => (i * 31 + j * 7) % 256)
  )
  const spec: AugmentSpec = { ops: [...geometric, ...pixel] }
  const run = (seed: number): number => {
    const start = performance.now()
    augmentPreview({ images, height: size, width: size, channels, variants: 8, spec, seed })
    return performance.now() - start
  }
  run(0)
  return median(Array.from({ length: repeats }, (_, r) => run(r + 1)))
}

for (const backend of backends) {
  const choice = await selectBackend(backend === 'best' ? {} : { force: backend as BackendName })
  let fullMnist = NaN
  for (const shape of SHAPES) {
    const images = tf.randomUniform(shape) as tf.Tensor4D
    const cells = SPECS.map(([name, spec]) => {
      timeBatch(images, spec, 0) // warm-up
      const ms = median(Array.from({ length: repeats }, (_, r) => timeBatch(images, spec, r + 1)))
      if (name === 'full' && shape[1] === 28) fullMnist = ms
      return `${name} ${ms.toFixed(1)} ms`
    })
    images.dispose()
    console.log(`${choice.name.padEnd(4)} ${shape.join('×').padEnd(14)} ${cells.join('   ')}`)
  }
  const previewMs = previewTime(64, 3)
  console.log(
    `${choice.name}: Augment room preview, 8 images × 8 variants of 64×64×3, full pipeline: ${previewMs.toFixed(1)} ms ` +
      `in the engine (target < 150 ms per change including the round trip)`
  )
  const stepMs = await lectureStepMs(128)
  console.log(
    `${choice.name}: full pipeline on 128×28×28×1 = ${fullMnist.toFixed(1)} ms, one lecture-network training step ` +
      `at batch 128 = ${stepMs.toFixed(1)} ms → ratio ${((100 * fullMnist) / stepMs).toFixed(1)}% (target ≤ 5%)`
  )
}
process.exit(0)
