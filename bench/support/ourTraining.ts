import type * as tf from '@tensorflow/tfjs'
import type { NetworkSpec } from '../../src/shared/network'
import { defaultTrainingSettings } from '../../src/shared/training'
import { buildModel } from '../../src/main/engine/network/buildModel'
import { prepareModelForTraining } from '../../src/main/engine/training/trainingModel'
import { outputKind } from '../../src/main/engine/training/classificationLoss'
import { createOptimizer, disposeOptimizer } from '../../src/main/engine/training/optimizerFactory'
import { predictSplit } from '../../src/main/engine/training/predictSplit'
import { initializeWeights } from '../../src/main/engine/training/seededInit'
import { epochOrder, type TrainingData } from '../../src/main/engine/training/trainingData'
import { trainStep, type StepContext } from '../../src/main/engine/training/trainStep'

/**
 * The engine's own training step and inference on MNIST with the lecture network, in this process: the
 * same step the trainer takes (uint8 → float batch, forward with dropout, softmax cross-entropy, Adam).
 */

function freshContext(spec: NetworkSpec, data: TrainingData, seed: number): StepContext {
  const model = buildModel(spec)
  prepareModelForTraining(model)
  initializeWeights(model, seed)
  const optimizer = createOptimizer(defaultTrainingSettings({ optimizer: 'adam', learningRate: 1e-3 }))
  return { model, optimizer, data, kind: outputKind(spec), augment: null, seed, weightDecay: 0 }
}

function release(ctx: StepContext): void {
  ctx.model.dispose()
  disposeOptimizer(ctx.optimizer)
}

export interface Throughput {
  imagesPerSecond: number
  medianStepMs: number
  /** Per timed step: the kernel's work for this process (page faults, system time) beside the step's own. */
  pageFaultsPerStep: number
  systemMsPerStep: number
}

/** Steady-state training images/s at one batch size, after warm-up steps. */
export function trainingThroughput(
  spec: NetworkSpec,
  data: TrainingData,
  batchSize: number,
  steps: number,
  warmup: number
): Throughput {
  const ctx = freshContext(spec, data, 1)
  const order = epochOrder(data.splits.train, 1, 0)
  const batchAt = (i: number): Int32Array => order.subarray(i * batchSize, (i + 1) * batchSize)
  for (let i = 0; i < warmup; i++) trainStep(ctx, batchAt(i), 0)
  const times: number[] = []
  const faultsBefore = process.resourceUsage().minorPageFault
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (let i = warmup; i < warmup + steps; i++) {
    const t = performance.now()
    trainStep(ctx, batchAt(i), 0)
    times.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  const systemMs = process.cpuUsage(cpuBefore).system / 1000
  const pageFaults = process.resourceUsage().minorPageFault - faultsBefore
  release(ctx)
  return {
    imagesPerSecond: (steps * batchSize) / seconds,
    medianStepMs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN,
    pageFaultsPerStep: pageFaults / steps,
    systemMsPerStep: systemMs / steps
  }
}

/** Inference images/s over the test split at batch 1000, after one warm-up batch. */
export async function inferenceThroughput(
  spec: NetworkSpec,
  data: TrainingData
): Promise<{ imagesPerSecond: number; count: number }> {
  const ctx = freshContext(spec, data, 1)
  const model: tf.LayersModel = ctx.model
  await predictSplit(model, data, data.splits.test.subarray(0, 1000), ctx.kind, { batchSize: 1000 })
  const result = await predictSplit(model, data, data.splits.test, ctx.kind, { batchSize: 1000 })
  release(ctx)
  return { imagesPerSecond: result.imagesPerSecond ?? 0, count: result.count }
}
