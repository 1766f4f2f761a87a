import * as tf from '@tensorflow/tfjs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { checkWeightBytes } from '../files/weightBytes'

interface ModelJson {
  modelTopology: object
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]
}

/**
 * Loads a tfjs layers model folder (model.json + its weight files) from disk. The plain tfjs package has
 * no file:// handler in Node (that comes with tfjs-node), so the files are read here and handed over.
 */
export async function loadLayersModelFromFolder(dir: string): Promise<tf.LayersModel> {
  const file = path.join(dir, 'model.json')
  let json: ModelJson
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as ModelJson
  } catch (error) {
    throw new Error(`${file} cannot be read as a tfjs model (${(error as Error).message}).`)
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${file} is not a tfjs layers model: it lacks modelTopology or weightsManifest.`)
  }
  const buffers: Uint8Array[] = []
  for (const group of json.weightsManifest) {
    for (const name of group.paths) buffers.push(await readFile(path.join(dir, name)))
  }
  const weightData = tf.io.concatenateArrayBuffers(
    buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
  )
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights)
  const files = json.weightsManifest.flatMap((group) => group.paths).map((name) => path.join(dir, name))
  checkWeightBytes(files.join(', '), weightSpecs, weightData.byteLength)
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }))
}
