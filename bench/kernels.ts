/**
 * Training throughput of the lecture's "Deep MNIST" network on the wasm backend, with the stock
 * kernels (plus the composite Conv2DBackpropFilter, without which conv layers cannot train on
 * wasm) and then with the faster replacements of registerWasmKernels().
 *
 *   npx tsx bench/kernels.ts [--steps 8] [--batches 32,128] [--profile]
 *
 * Prints images/s per batch size (median step over the measured steps) and, with --profile,
 * the slowest kernels of one batch-32 step. Random 28×28×1 data: the cost of a step does not
 * depend on the pixel values.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfWasm from '@tensorflow/tfjs-backend-wasm'
import { wasmBinaryFolder } from '../src/main/engine/backend/backendLoaders'
import { conv2DBackpropFilterWasmConfig } from '../src/main/engine/backend/wasmConv2DBackpropFilter'
import { registerWasmKernels } from '../src/main/engine/backend/registerWasmKernels'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const steps = Number(arg('steps', '8'))
const batches = arg('batches', '32,128').split(',').map(Number)
const profile = process.argv.includes('--profile')

function lectureNet(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 32,
        kernelSize: 5,
        padding: 'same',
        activation: 'relu'
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1024, activation: 'relu' }),
      tf.layers.dropout({ rate: 0.5 }),
      tf.layers.dense({ units: 10, activation: 'softmax' })
    ]
  })
  model.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy' })
  return model
}

function batchOf(size: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([size, 28, 28, 1])
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([size], 0, 10, 'int32'), 10))
  return { x, y }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function throughput(
  model: tf.Sequential,
  size: number
): Promise<{ imagesPerSecond: number; stepMs: number }> {
  const { x, y } = batchOf(size)
  await model.trainOnBatch(x, y) // warm-up: operator creation, first allocations
  const baseline = tf.memory().numTensors
  const times: number[] = []
  const n = size >= 128 ? Math.max(2, Math.ceil(steps / 3)) : steps
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    await model.trainOnBatch(x, y)
    times.push(performance.now() - started)
  }
  if (tf.memory().numTensors !== baseline) {
    throw new Error(`Tensors leaked: ${tf.memory().numTensors - baseline} after ${n} steps.`)
  }
  tf.dispose([x, y])
  const stepMs = median(times)
  return { imagesPerSecond: (size * 1000) / stepMs, stepMs }
}

async function slowestKernels(model: tf.Sequential): Promise<string> {
  const { x, y } = batchOf(32)
  const info = await tf.profile(async () => {
    await model.trainOnBatch(x, y)
  })
  tf.dispose([x, y])
  const byName = new Map<string, number>()
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`
    byName.set(key, (byName.get(key) ?? 0) + ms)
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, ms]) => `    ${ms.toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n')
}

async function run(label: string): Promise<void> {
  const model = lectureNet()
  for (const size of batches) {
    const r = await throughput(model, size)
    console.log(
      `${label.padEnd(30)} batch ${String(size).padStart(3)}: ${r.imagesPerSecond.toFixed(1).padStart(7)} images/s  (step ${r.stepMs.toFixed(0)} ms)`
    )
  }
  if (profile) console.log(`  slowest kernels, one batch-32 step:\n${await slowestKernels(model)}`)
  model.dispose()
}

tfWasm.setWasmPaths(wasmBinaryFolder())
if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend did not initialise.')
console.log(
  `wasm backend: ${tfWasm.getThreadsCount()} thread(s), SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}`
)
tf.registerKernel(conv2DBackpropFilterWasmConfig)
await run('stock + composite filter grad')
registerWasmKernels()
await run('registerWasmKernels()')
