/**
 * Time of one augmentation batch with the full pipeline (every op applied to every sample), on the wasm
 * and cpu backends: 128 × 28×28×1 (MNIST-sized) and 32 × 224×224×3 (photo-sized).
 *
 *   npx tsx bench/augment.ts [--repeats 5] [--backends wasm,cpu]
 *
 * Prints the median milliseconds per batch, split into the geometric resampling and the pixel ops.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfWasm from '@tensorflow/tfjs-backend-wasm'
import { wasmBinaryFolder } from '../src/main/engine/backend/backendLoaders'
import { augmentBatch } from '../src/main/engine/augment'
import type { AugmentSpec } from '../src/shared/augment'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const repeats = Number(arg('repeats', '5'))
const backends = arg('backends', 'wasm,cpu').split(',')

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

tfWasm.setWasmPaths(wasmBinaryFolder())
for (const backend of backends) {
  if (!(await tf.setBackend(backend))) throw new Error(`The ${backend} backend did not initialise.`)
  await tf.ready()
  for (const shape of SHAPES) {
    const images = tf.randomUniform(shape) as tf.Tensor4D
    const cells = SPECS.map(([name, spec]) => {
      timeBatch(images, spec, 0) // warm-up
      const times = Array.from({ length: repeats }, (_, r) => timeBatch(images, spec, r + 1))
      return `${name} ${median(times).toFixed(1)} ms`
    })
    images.dispose()
    console.log(`${backend.padEnd(4)} ${shape.join('×').padEnd(14)} ${cells.join('   ')}`)
  }
}
