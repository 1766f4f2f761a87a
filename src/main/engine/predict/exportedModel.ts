import * as tf from '@tensorflow/tfjs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE, PreprocessingManifest } from '../../../shared/export/exportManifest'
import type { InputShape } from '../../../shared/datasetSchemas'
import type { EvaluationJson } from '../../../shared/training'
import { evaluateModel } from '../evaluation/evaluateModel'
import type { TrainingData } from '../training/trainingData'
import { loadLayersModelFromFolder } from './modelFolderIo'
import { WorkbenchError } from '../../../shared/workbenchError'

/*
 * An exported TF.js folder taken back into the app: evaluated on the open dataset, or used as the
 * starting weights of a new run. Both need the export to fit the data (same image size, same classes in
 * the same order) or the network it is loaded into (same weight shapes), and say so plainly when not.
 */

/** Why DIR/preprocessing.json cannot be read, as a person would put it. */
async function whyNoManifest(dir: string, file: string, error: NodeJS.ErrnoException): Promise<string> {
  const info = await stat(dir).catch(() => null)
  if (!info) return `There is no folder ${dir}; type the path of a TF.js export folder.`
  if (!info.isDirectory()) return `${dir} is a file; choose the folder that holds the TF.js export.`
  if (error.code === 'ENOENT')
    return `${dir} is not a TF.js export: it has no ${MANIFEST_FILE} (export a run as TF.js to make one).`
  return `${file} cannot be read (${error.code ?? error.message}); check its permissions.`
}

/** Reads and checks DIR/preprocessing.json. */
export async function readExportManifest(dir: string): Promise<PreprocessingManifest> {
  const file = path.join(dir, MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new WorkbenchError('bad-input', await whyNoManifest(dir, file, error as NodeJS.ErrnoException))
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new WorkbenchError(
      'bad-input',
      `${file} is not valid JSON (${(error as Error).message}); choose a TF.js export folder.`
    )
  }
  const parsed = PreprocessingManifest.safeParse(json)
  if (!parsed.success) {
    throw new Error(
      `${file} is not a valid preprocessing manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}.`
    )
  }
  return parsed.data
}

const shapeText = (s: InputShape): string => `${s.height}×${s.width}×${s.channels}`

/** Why an exported model cannot be used on a dataset, as a sentence; null when it fits. */
export function manifestMismatch(
  manifest: PreprocessingManifest,
  dataset: { input: InputShape; classNames: readonly string[] }
): string | null {
  const a = manifest.input
  const b = dataset.input
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    return `The model takes ${shapeText(a)} images but the open dataset holds ${shapeText(b)} images; open the dataset at the model's size.`
  }
  if (manifest.classes.join('\n') !== dataset.classNames.join('\n')) {
    return `The model was trained on the classes ${manifest.classes.join(', ')} but the open dataset has ${dataset.classNames.join(', ')}; open a dataset with the same classes (in the same order).`
  }
  return null
}

/** The export's model and manifest, after checking that it fits the dataset; dispose `model` when done. */
export async function loadExportFor(
  dir: string,
  dataset: { input: InputShape; classNames: readonly string[] }
): Promise<{ manifest: PreprocessingManifest; model: tf.LayersModel }> {
  const manifest = await readExportManifest(dir)
  const mismatch = manifestMismatch(manifest, dataset)
  if (mismatch) throw new Error(mismatch)
  return { manifest, model: await loadLayersModelFromFolder(dir) }
}

/** The open dataset's test split (val or train when it has none) through an exported TF.js model. */
export async function evaluateExport(dir: string, data: TrainingData): Promise<EvaluationJson> {
  const { manifest, model } = await loadExportFor(path.resolve(dir), data)
  try {
    // The engine answers other requests between batches while a large test split is evaluated.
    return await evaluateModel(model, data, manifest.output, {
      betweenBatches: () => new Promise((resolve) => setImmediate(resolve))
    })
  } finally {
    model.dispose()
  }
}

/**
 * Replaces `model`'s weights with those of the TF.js folder `dir` (an export or a run's model/), after
 * checking that every weight has the same shape.
 */
export async function loadInitialWeights(dir: string, model: tf.LayersModel): Promise<void> {
  const source = await loadLayersModelFromFolder(path.resolve(dir))
  try {
    const from = source.weights
    const into = model.weights
    if (from.length !== into.length) {
      throw new Error(
        `The model in ${dir} has ${from.length} weight tensors but this network has ${into.length}; train further with the network the model was exported with.`
      )
    }
    into.forEach((w, i) => {
      const theirs = from[i]?.shape ?? []
      if (w.shape.join(',') !== theirs.join(',')) {
        throw new Error(
          `The model in ${dir} does not fit this network: weight ${i + 1} (${w.originalName}) is [${theirs.join(', ')}] there but [${w.shape.join(', ')}] here; train further with the network the model was exported with, on a dataset with the same classes.`
        )
      }
    })
    tf.tidy(() => into.forEach((w, i) => w.write((from[i] as tf.LayerVariable).read().clone())))
  } finally {
    source.dispose()
  }
}
