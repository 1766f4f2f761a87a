import type * as tf from '@tensorflow/tfjs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE, type PreprocessingManifest } from '../../../shared/export/exportManifest'
import { loadRunModel } from '../export/runModel'
import { RUN_FILE } from '../training/runFolder'
import { readExportManifest } from './exportedModel'
import { loadLayersModelFromFolder } from './modelFolderIo'

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false
  )
}

/**
 * A model to predict with or look into: a training run folder (its model/ with run.json's input and
 * classes) or a TF.js export folder (model.json + preprocessing.json). Dispose `model` when done.
 */
export async function loadModelAndManifest(
  modelDirOrRunDir: string
): Promise<{ dir: string; model: tf.LayersModel; manifest: PreprocessingManifest }> {
  const dir = path.resolve(modelDirOrRunDir)
  if (await isFile(path.join(dir, RUN_FILE))) {
    const { model, manifest } = await loadRunModel(dir)
    return { dir, model, manifest }
  }
  if (await isFile(path.join(dir, MANIFEST_FILE))) {
    const manifest = await readExportManifest(dir)
    return { dir, model: await loadLayersModelFromFolder(dir), manifest }
  }
  throw new Error(
    `${dir} is neither a training run folder (with ${RUN_FILE}) nor a TF.js export (with model.json and ${MANIFEST_FILE}).`
  )
}
