import * as tf from '@tensorflow/tfjs'
import path from 'node:path'
import { serializeModel } from './checkpoint'
import { writeFolderAtomic } from './checkpointFiles'

export const MODEL_DIR = 'model'

/** The run's final weights as RUN_DIR/model/{model.json, weights.bin}, written to a temp folder and renamed in. */
export async function saveFinalModel(runDir: string, model: tf.LayersModel): Promise<string> {
  const { modelJson, weights } = await serializeModel(model)
  const target = path.join(runDir, MODEL_DIR)
  await writeFolderAtomic(target, { 'model.json': modelJson, 'weights.bin': weights })
  return target
}
