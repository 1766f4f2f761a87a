/**
 * Training throughput of the lecture's "Deep MNIST" network on the wasm backend, first with the
 * stock kernels (plus the composite Conv2DBackpropFilter, without which conv layers cannot
 * train on wasm), then with the replacements of registerWasmKernels(), then with onnxruntime's kernels in
 * front of the convolutions and matrix products (registerNativeKernels).
 *
 *   npx tsx bench/kernels.ts [--steps 8] [--batches 32,128] [--profile] [--threads 2] [--only before|after|native] [--native-threads 2]
 *     [--top 12] [--repeat 1]
 *
 * Prints images/s per batch size from the median and the best step, and with --profile the
 * slowest kernels of one step at the largest batch size. Random 28×28×1 data: a step's cost does not depend on
 * the pixel values. On a shared machine compare figures from the same run only.
 */
import * as tf from '@tensorflow/tfjs'
import * as tfWasm from '@tensorflow/tfjs-backend-wasm'
import { wasmBinaryFolder } from '../src/main/engine/backend/backendLoaders'
import { conv2DBackpropFilterWasmConfig } from '../src/main/engine/backend/wasmConv2DBackpropFilter'
import { registerWasmKernels } from '../src/main/engine/backend/registerWasmKernels'
import { FusedAdamOptimizer } from '../src/main/engine/training/fusedAdam'
import { prepareWasmThreadsInNode } from '../src/main/engine/backend/wasmThreadsInNode'
import { loadNativeRuntime } from '../src/main/engine/backend/native/onnxRuntimeSync'
import { registerNativeKernels } from '../src/main/engine/backend/native/registerNativeKernels'
import { kernelCpuProfile } from './support/kernelCpuProfile'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const steps = Number(arg('steps', '8'))
const batches = arg('batches', '32,128').split(',').map(Number)
const profile = process.argv.includes('--profile')
const threads = Number(arg('threads', '1'))
const only = arg('only', 'both')
const top = Number(arg('top', '12'))
const repeat = Number(arg('repeat', '1'))

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
  // The app's Adam: one fused kernel per variable once registerWasmKernels() has run, tfjs's own before.
  model.compile({ optimizer: new FusedAdamOptimizer(1e-4, 0.9, 0.999), loss: 'categoricalCrossentropy' })
  return model
}

function batchOf(size: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([size, 28, 28, 1])
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([size], 0, 10, 'int32'), 10))
  return { x, y }
}

interface Throughput {
  median: number
  best: number
  stepMs: number
  /** CPU milliseconds of the median step (all threads). */
  cpuMs: number
}

async function throughput(model: tf.Sequential, size: number): Promise<Throughput> {
  const { x, y } = batchOf(size)
  await model.trainOnBatch(x, y) // warm-up: operator creation, first allocations
  const baseline = tf.memory().numTensors
  const times: number[] = []
  const cpus: number[] = []
  const n = size >= 128 ? Math.max(2, Math.ceil(steps / 3)) : steps
  for (let i = 0; i < n; i++) {
    const cpu = process.cpuUsage()
    const started = performance.now()
    await model.trainOnBatch(x, y)
    times.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    cpus.push((used.user + used.system) / 1000)
  }
  if (tf.memory().numTensors !== baseline) {
    throw new Error(`Tensors leaked: ${tf.memory().numTensors - baseline} after ${n} steps.`)
  }
  tf.dispose([x, y])
  times.sort((a, b) => a - b)
  cpus.sort((a, b) => a - b)
  const stepMs = times[Math.floor(times.length / 2)] ?? NaN
  const cpuMs = cpus[Math.floor(cpus.length / 2)] ?? NaN
  return { median: (size * 1000) / stepMs, best: (size * 1000) / (times[0] ?? NaN), stepMs, cpuMs }
}

/**
 * Wall and CPU milliseconds of the slowest kernels of a step (CPU time includes onnxruntime's threads),
 * each the least of --repeat steps: on a shared machine the least is the one the neighbours disturbed least.
 */
async function slowestKernels(model: tf.Sequential, size: number): Promise<string> {
  const { x, y } = batchOf(size)
  const byKernel = new Map<string, { wallMs: number; cpuMs: number }>()
  for (let r = 0; r < repeat; r++) {
    const step = await kernelCpuProfile(async () => {
      await model.trainOnBatch(x, y)
    })
    for (const [k, t] of step) {
      const best = byKernel.get(k)
      byKernel.set(k, {
        wallMs: Math.min(best?.wallMs ?? Infinity, t.wallMs),
        cpuMs: Math.min(best?.cpuMs ?? Infinity, t.cpuMs)
      })
    }
  }
  tf.dispose([x, y])
  let wall = 0
  let cpu = 0
  for (const k of byKernel.values()) {
    wall += k.wallMs
    cpu += k.cpuMs
  }
  const row = (w: number, c: number, what: string): string =>
    `    ${w.toFixed(1).padStart(7)} ms  ${c.toFixed(1).padStart(7)} ms cpu  ${what}`
  const lines = [...byKernel.entries()]
    .sort((a, b) => b[1].cpuMs - a[1].cpuMs)
    .slice(0, top)
    .map(([k, t]) => row(t.wallMs, t.cpuMs, k))
  return [row(wall, cpu, 'all kernels'), ...lines].join('\n')
}

async function run(label: string): Promise<void> {
  const model = lectureNet()
  for (const size of batches) {
    const r = await throughput(model, size)
    const figures = `${r.median.toFixed(1).padStart(6)} images/s median, ${r.best.toFixed(1).padStart(6)} best`
    console.log(
      `${label.padEnd(30)} batch ${String(size).padStart(3)}: ${figures} (step ${r.stepMs.toFixed(0)} ms, ${r.cpuMs.toFixed(0)} ms cpu)`
    )
  }
  if (profile) {
    const size = Math.max(...batches)
    const which = repeat > 1 ? `the least of ${repeat} batch-${size} steps` : `one batch-${size} step`
    console.log(`  slowest kernels, ${which}:\n${await slowestKernels(model, size)}`)
  }
  model.dispose()
}

tfWasm.setWasmPaths(wasmBinaryFolder())
const restore = threads > 1 ? await prepareWasmThreadsInNode(threads) : undefined
const initStarted = performance.now()
const ready = await tf.setBackend('wasm')
restore?.()
if (!ready) throw new Error('The wasm backend did not initialise.')
const simd = String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))
const initMs = (performance.now() - initStarted).toFixed(0)
console.log(`wasm backend: ${tfWasm.getThreadsCount()} thread(s), SIMD ${simd}, initialised in ${initMs} ms`)
tf.registerKernel(conv2DBackpropFilterWasmConfig)
if (only === 'both' || only === 'before') await run('stock + composite filter grad')
registerWasmKernels()
if (only !== 'before' && only !== 'native') await run('registerWasmKernels()')
if (only === 'both' || only === 'native') {
  const native = loadNativeRuntime(Number(arg('native-threads', '2')))
  if (!native.ok) throw new Error(native.reason)
  registerNativeKernels(native.runtime)
  await run('+ onnxruntime kernels')
}
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`)
// The threaded build's worker threads keep Node alive; the benchmark is done.
process.exit(0)
