/**
 * Trains the lecture network on MNIST at batch 32 with the engine's own step (the benchmark's
 * `trainingThroughput`), on the best backend here, and prints as JSON the minor page faults per step after a
 * few warm-up steps and the size, in pages, of the largest output onnxruntime hands back (the dense layer's
 * weight gradient): {"backend": "...", "gradientPages": P, "faultsPerStep": F}.
 */
import * as tf from '@tensorflow/tfjs'
import { trainingThroughput } from '../../../../bench/support/ourTraining'
import { buildTemplate } from '../../../../src/shared/network'
import { openDataset } from '../../../../src/main/engine/dataset/openDataset'
import { trainingBackend } from '../../../../src/main/engine/training/trainingBackend'

await trainingBackend()
const mnist = await openDataset({ kind: 'mnist' })
const spec = buildTemplate('lecture', mnist.input, mnist.classNames.length)
const r = trainingThroughput(spec, mnist, 32, 16, 10)
const gradientPages = (3136 * 1024 * 4) / 4096
console.log(JSON.stringify({ backend: tf.getBackend(), gradientPages, faultsPerStep: r.pageFaultsPerStep }))
process.exit(0)
