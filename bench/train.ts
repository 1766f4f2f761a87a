/**
 * The training engine on the real MNIST with the lecture's "Deep MNIST" network, on the best backend
 * available (or --backend NAME), through the same step the trainer takes (uint8 → float batch, forward
 * with dropout, softmax cross-entropy, Adam step):
 *
 *   npx tsx bench/train.ts [--parts throughput,tta,infer] [--batches 32,128] [--steps 15] [--warmup 3]
 *                          [--tta-max-seconds 1200] [--backend wasm] [--with-reference]
 *
 * throughput: steady-state training images/s per batch size (after warm-up steps);
 * infer: inference images/s over the 10k test set (batch 1000); tta: training seconds until the test
 * accuracy reaches 0.990 (Adam 1e-3, batch 128, test set every 100 steps, on the 60k training digits).
 * --with-reference also runs ../shared/anchors/run.sh (PyTorch, CPU) for the same parts and prints ratios:
 * figures from different runs on a shared machine are not comparable, so both run in this command.
 */
import * as tf from '@tensorflow/tfjs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { buildTemplate } from '../src/shared/network'
import { defaultTrainingSettings } from '../src/shared/training'
import { openDataset } from '../src/main/engine/dataset/openDataset'
import { buildModel } from '../src/main/engine/network/buildModel'
import { outputKind } from '../src/main/engine/training/classificationLoss'
import { createOptimizer, disposeOptimizer } from '../src/main/engine/training/optimizerFactory'
import { predictSplit } from '../src/main/engine/training/predictSplit'
import { initializeWeights } from '../src/main/engine/training/seededInit'
import { describeBackendChoice } from '../src/main/engine/backend/selectBackend'
import { isBackendName, trainingBackend } from '../src/main/engine/training/trainingBackend'
import { epochOrder, type TrainingData } from '../src/main/engine/training/trainingData'
import { trainStep, type StepContext } from '../src/main/engine/training/trainStep'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const parts = new Set(arg('parts', 'throughput,tta,infer').split(','))
const batches = arg('batches', '32,128').split(',').map(Number)
const steps = Number(arg('steps', '15'))
const warmup = Number(arg('warmup', '3'))
const ttaMaxSeconds = Number(arg('tta-max-seconds', '1200'))
const backendFlag = process.argv.includes('--backend') ? arg('backend', '') : undefined
const withReference = process.argv.includes('--with-reference')

if (backendFlag !== undefined && !isBackendName(backendFlag))
  throw new Error(`unknown backend ${backendFlag}`)
const choice = await trainingBackend(
  backendFlag !== undefined && isBackendName(backendFlag) ? backendFlag : undefined
)
console.log(describeBackendChoice(choice))
const mnist = await openDataset({ kind: 'mnist' })
const spec = buildTemplate('lecture', mnist.input, mnist.classNames.length)
const kind = outputKind(spec)
const ours: { tput: Record<number, number>; infer?: number; tta?: number | null } = { tput: {} }

function freshContext(data: TrainingData, seed: number): StepContext {
  const model = buildModel(spec)
  initializeWeights(model, seed)
  const optimizer = createOptimizer(defaultTrainingSettings({ optimizer: 'adam', learningRate: 1e-3 }))
  return { model, optimizer, data, kind, augment: null, seed, weightDecay: 0 }
}

function release(ctx: StepContext): void {
  ctx.model.dispose()
  disposeOptimizer(ctx.optimizer)
}

if (parts.has('throughput')) {
  for (const bs of batches) {
    const ctx = freshContext(mnist, 1)
    const order = epochOrder(mnist.splits.train, 1, 0)
    const batchAt = (i: number): Int32Array => order.subarray(i * bs, (i + 1) * bs)
    for (let i = 0; i < warmup; i++) trainStep(ctx, batchAt(i), 0)
    const times: number[] = []
    const started = performance.now()
    for (let i = warmup; i < warmup + steps; i++) {
      const t = performance.now()
      trainStep(ctx, batchAt(i), 0)
      times.push(performance.now() - t)
    }
    const seconds = (performance.now() - started) / 1000
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN
    ours.tput[bs] = (steps * bs) / seconds
    console.log(
      `[train] batch ${bs}: ${steps} steps after ${warmup} warm-up, ${ours.tput[bs].toFixed(1)} img/s (median step ${median.toFixed(0)} ms)`
    )
    release(ctx)
  }
}

if (parts.has('infer')) {
  const ctx = freshContext(mnist, 1)
  await predictSplit(ctx.model, mnist, mnist.splits.test.subarray(0, 1000), kind, { batchSize: 1000 })
  const result = await predictSplit(ctx.model, mnist, mnist.splits.test, kind, { batchSize: 1000 })
  ours.infer = result.imagesPerSecond ?? 0
  console.log(`[infer] ${result.count} test images at batch 1000: ${ours.infer.toFixed(0)} img/s`)
  release(ctx)
}

if (parts.has('tta')) {
  const all = Int32Array.from([...mnist.splits.train, ...mnist.splits.val])
  const ctx = freshContext(mnist, 1)
  const bs = 128
  let trainSeconds = 0
  let seen = 0
  let step = 0
  let reached: number | null = null
  const wallStart = performance.now()
  outer: for (let epoch = 0; ; epoch++) {
    const order = epochOrder(all, 1, epoch)
    for (let b = 0; b * bs < order.length; b++) {
      const indexes = order.subarray(b * bs, (b + 1) * bs)
      const t = performance.now()
      trainStep(ctx, indexes, epoch)
      trainSeconds += (performance.now() - t) / 1000
      seen += indexes.length
      step++
      if (step % 100 !== 0) continue
      const test = await predictSplit(ctx.model, mnist, mnist.splits.test, kind, { batchSize: 1000 })
      const wall = (performance.now() - wallStart) / 1000
      console.log(
        `[tta] step ${step} seen ${seen} test acc ${test.accuracy?.toFixed(4)} train ${trainSeconds.toFixed(1)} s wall ${wall.toFixed(1)} s`
      )
      if ((test.accuracy ?? 0) >= 0.99) {
        reached = trainSeconds
        break outer
      }
      if (wall > ttaMaxSeconds) break outer
    }
  }
  ours.tta = reached
  console.log(
    reached === null
      ? `[tta] 0.990 not reached in ${ttaMaxSeconds} s`
      : `[tta] 0.990 reached after ${reached.toFixed(1)} s of training, ${seen} images seen`
  )
  release(ctx)
}
console.log(`tensors left: ${tf.memory().numTensors}`)

if (withReference) {
  const refParts = [...parts]
    .map((p) => ({ throughput: 'tput', tta: 'tta', infer: 'infer' })[p])
    .filter(Boolean)
  const script = path.resolve(import.meta.dirname, '../../shared/anchors/run.sh')
  const ref = spawnSync(script, ['--parts', refParts.join(','), '--tput-images', '6400'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  })
  process.stdout.write(ref.stdout)
  const line = ref.stdout.split('\n').find((l) => l.startsWith('RESULT_JSON '))
  if (!line) throw new Error(`the PyTorch reference printed no result (exit ${ref.status})`)
  const torch = JSON.parse(line.slice('RESULT_JSON '.length)) as {
    tput?: { bs: number; imgs_per_s: number }[]
    infer?: { best_imgs_per_s: number }
    tta?: { hits: Record<string, { train_s: number } | null> }
  }
  for (const t of torch.tput ?? []) {
    const mine = ours.tput[t.bs]
    if (mine !== undefined)
      console.log(
        `batch ${t.bs}: ${mine.toFixed(1)} vs PyTorch ${t.imgs_per_s.toFixed(1)} img/s, ratio ${(mine / t.imgs_per_s).toFixed(4)}`
      )
  }
  if (torch.infer && ours.infer !== undefined) {
    console.log(
      `inference: ${ours.infer.toFixed(0)} vs PyTorch ${torch.infer.best_imgs_per_s.toFixed(0)} img/s, ratio ${(ours.infer / torch.infer.best_imgs_per_s).toFixed(4)}`
    )
  }
  const torchTta = torch.tta?.hits['0.99']?.train_s
  if (torchTta !== undefined && ours.tta !== undefined) {
    console.log(
      `time to 0.990: ${ours.tta === null ? `not reached in ${ttaMaxSeconds} s` : `${ours.tta.toFixed(1)} s`} vs PyTorch ${torchTta.toFixed(1)} s`
    )
  }
  const torch128 = torch.tput?.find((t) => t.bs === 128)?.imgs_per_s
  if (torch128 !== undefined && ours.tput[128] !== undefined) {
    console.log(`train img/s ratio to PyTorch at batch 128: ${(ours.tput[128] / torch128).toFixed(4)}`)
  }
}

// wasm worker threads (CNN_WORKBENCH_WASM_THREADS) keep Node alive after the last figure.
process.exit(0)
