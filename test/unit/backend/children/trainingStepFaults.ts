/**
 * Trains the lecture network on MNIST at batch 32, as the trainer does, on the best backend here, and
 * prints as JSON the minor page faults of each step after a few warm-up steps and the size, in pages, of
 * the largest output onnxruntime hands back (the dense layer's weight gradient):
 * {"backend": "...", "gradientPages": P, "faultsPerStep": F}.
 */
import * as tf from '@tensorflow/tfjs'
import { buildTemplate } from '../../../../src/shared/network'
import { defaultTrainingSettings } from '../../../../src/shared/training'
import { openDataset } from '../../../../src/main/engine/dataset/openDataset'
import { buildModel } from '../../../../src/main/engine/network/buildModel'
import { outputKind } from '../../../../src/main/engine/training/classificationLoss'
import { createOptimizer } from '../../../../src/main/engine/training/optimizerFactory'
import { initializeWeights } from '../../../../src/main/engine/training/seededInit'
import { trainingBackend } from '../../../../src/main/engine/training/trainingBackend'
import { epochOrder } from '../../../../src/main/engine/training/trainingData'
import { prepareModelForTraining } from '../../../../src/main/engine/training/trainingModel'
import { trainStep } from '../../../../src/main/engine/training/trainStep'

await trainingBackend()
const mnist = await openDataset({ kind: 'mnist' })
const spec = buildTemplate('lecture', mnist.input, mnist.classNames.length)
const model = buildModel(spec)
prepareModelForTraining(model)
initializeWeights(model, 1)
const optimizer = createOptimizer(defaultTrainingSettings({ optimizer: 'adam', learningRate: 1e-4 }))
const ctx = { model, optimizer, data: mnist, kind: outputKind(spec), augment: null, seed: 1, weightDecay: 0 }
const order = epochOrder(mnist.splits.train, 1, 0)
const batch = 32
const steps = 16
const warmUp = 10
for (let i = 0; i < warmUp; i++) trainStep(ctx, order.subarray(i * batch, (i + 1) * batch), 0)
const before = process.resourceUsage().minorPageFault
for (let i = warmUp; i < warmUp + steps; i++) trainStep(ctx, order.subarray(i * batch, (i + 1) * batch), 0)
const faults = process.resourceUsage().minorPageFault - before
console.log(
  JSON.stringify({
    backend: tf.getBackend(),
    gradientPages: (3136 * 1024 * 4) / 4096,
    faultsPerStep: faults / steps
  })
)
process.exit(0)
