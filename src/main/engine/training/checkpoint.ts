import * as tf from '@tensorflow/tfjs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseJsonText, readJsonFile } from '../files/jsonFiles'
import { checkWeightBytes } from '../files/weightBytes'
import { writeCheckpointFolder, type CheckpointRef, type CheckpointState } from './checkpointFiles'

export { latestCheckpoint, type CheckpointRef, type CheckpointState } from './checkpointFiles'

interface SavedModel {
  modelJson: string
  weights: Uint8Array
}

/** The model as tfjs's own files (model.json + weights.bin), loadable by tf.loadLayersModel. */
export async function serializeModel(model: tf.LayersModel): Promise<SavedModel> {
  let saved: SavedModel | null = null
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(
        tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0))
      )
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }]
      }
      saved = { modelJson: JSON.stringify(modelJson), weights }
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    })
  )
  if (saved === null) throw new Error('tfjs did not hand over the model to save')
  return saved
}

interface NamedTensor {
  name: string
  tensor: tf.Tensor
}

async function encodeNamed(
  tensors: NamedTensor[]
): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: Uint8Array }> {
  const { data, specs } = await tf.io.encodeWeights(tensors)
  return { specs, data: new Uint8Array(data) }
}

export interface CheckpointContent {
  model: tf.LayersModel
  optimizer: tf.Optimizer
  state: Omit<CheckpointState, 'version' | 'savedAt'>
  /** Early stopping's best weights so far, in model.weights order. */
  bestWeights: tf.Tensor[] | null
}

/** Writes checkpoints/epoch-NNNNN with the weights, the optimizer's state and the loop's counters. */
export async function saveCheckpoint(runDir: string, content: CheckpointContent, keep = 2): Promise<string> {
  const { modelJson, weights } = await serializeModel(content.model)
  const optimizerWeights = await content.optimizer.getWeights()
  let optimizer: { specs: tf.io.WeightsManifestEntry[]; data: Uint8Array }
  try {
    optimizer = await encodeNamed(optimizerWeights)
  } finally {
    // getWeights makes a new tensor for the step counter; the rest are the optimizer's own variables.
    optimizerWeights.filter((w) => w.name === 'iter').forEach((w) => w.tensor.dispose())
  }
  const files: Record<string, string | Uint8Array> = {
    'model.json': modelJson,
    'weights.bin': weights,
    'optimizer.json': JSON.stringify({ type: content.state.optimizer, weights: optimizer.specs }),
    'optimizer.bin': optimizer.data
  }
  if (content.bestWeights) {
    const names = content.model.weights.map((w) => w.originalName)
    const best = await encodeNamed(
      content.bestWeights.map((tensor, i) => ({ name: names[i] ?? `w${i}`, tensor }))
    )
    files['best.json'] = JSON.stringify({ weights: best.specs })
    files['best.bin'] = best.data
  }
  const state: CheckpointState = { ...content.state, version: 1, savedAt: new Date().toISOString() }
  files['state.json'] = JSON.stringify(state, null, 2)
  return writeCheckpointFolder(runDir, state.epochsCompleted, files, keep)
}

async function readWeightsFile(
  dir: string,
  specs: tf.io.WeightsManifestEntry[],
  bin: string
): Promise<tf.Tensor[]> {
  const buffer = await readFile(path.join(dir, bin))
  checkWeightBytes(path.join(dir, bin), specs, buffer.byteLength)
  const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
  const named = tf.io.decodeWeights(data, specs)
  return specs.map((spec) => {
    const tensor = named[spec.name]
    if (!tensor) throw new Error(`${path.join(dir, bin)} lacks the weight ${spec.name}`)
    return tensor
  })
}

function checkShapes(model: tf.LayersModel, tensors: tf.Tensor[], where: string): void {
  const weights = model.weights
  const fits =
    tensors.length === weights.length &&
    weights.every((w, i) => tf.util.arraysEqual(w.read().shape, tensors[i]?.shape ?? []))
  if (!fits) {
    tf.dispose(tensors)
    throw new Error(`The checkpoint in ${where} holds weights for a different network than the run's spec.`)
  }
}

/** Loads the weights of a model folder (model.json + weights.bin: a checkpoint or RUN_DIR/model) into the model. */
export async function loadModelWeights(dir: string, model: tf.LayersModel): Promise<void> {
  const modelJson = (await readJsonFile(path.join(dir, 'model.json'))) as {
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]
  }
  const weights = await readWeightsFile(dir, modelJson.weightsManifest[0]?.weights ?? [], 'weights.bin')
  checkShapes(model, weights, dir)
  model.weights.forEach((w, i) => w.write(weights[i] as tf.Tensor))
  tf.dispose(weights)
}

/** Loads a checkpoint's weights into the model and its state into the (fresh) optimizer. */
export async function loadCheckpoint(
  ref: CheckpointRef,
  model: tf.LayersModel,
  optimizer: tf.Optimizer
): Promise<{ bestWeights: tf.Tensor[] | null }> {
  await loadModelWeights(ref.dir, model)

  const optimizerJson = (await readJsonFile(path.join(ref.dir, 'optimizer.json'))) as {
    weights: tf.io.WeightsManifestEntry[]
  }
  const optimizerTensors = await readWeightsFile(ref.dir, optimizerJson.weights, 'optimizer.bin')
  await optimizer.setWeights(
    optimizerJson.weights.map((spec, i) => ({ name: spec.name, tensor: optimizerTensors[i] as tf.Tensor }))
  )
  // setWeights wraps each value in a new variable that shares its data.
  tf.dispose(optimizerTensors)

  let bestWeights: tf.Tensor[] | null = null
  const bestJson = await readFile(path.join(ref.dir, 'best.json'), 'utf8').catch(() => null)
  if (bestJson !== null) {
    bestWeights = await readWeightsFile(
      ref.dir,
      (parseJsonText(bestJson, path.join(ref.dir, 'best.json')) as { weights: tf.io.WeightsManifestEntry[] })
        .weights,
      'best.bin'
    )
    checkShapes(model, bestWeights, ref.dir)
  }
  return { bestWeights }
}
