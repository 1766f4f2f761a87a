import type * as tf from '@tensorflow/tfjs'
import {
  MANIFEST_FILE,
  type ExportFormat,
  type PreprocessingManifest
} from '../../../shared/export/exportManifest'
import { generateKerasScript } from '../../../shared/export/kerasCode'
import { generatePytorchModule } from '../../../shared/export/pytorchCode'
import type { NetworkSpec } from '../../../shared/network/networkSpec'
import { serializeModel } from '../training/checkpoint'
import { buildOnnxModel } from './onnxExport'

export type ExportFiles = Record<string, string | Uint8Array>

/** preprocessing.json's text for a format's folder. */
export function manifestText(format: ExportFormat, manifest: PreprocessingManifest): string {
  // The ONNX graph always ends in probabilities (a Softmax is added after raw scores), and the app cannot
  // train it further, so its manifest carries no network of its own.
  const written: PreprocessingManifest =
    format === 'onnx' ? { ...manifest, output: 'probabilities', network: undefined } : manifest
  return JSON.stringify(written, null, 2) + '\n'
}

/** The files of one export, in memory; names are relative to the export folder. */
export async function exportContents(
  format: ExportFormat,
  spec: NetworkSpec,
  model: tf.LayersModel,
  manifest: PreprocessingManifest
): Promise<ExportFiles> {
  const preprocessing = { [MANIFEST_FILE]: manifestText(format, manifest) }
  if (format === 'onnx') {
    const doc = `CNN Workbench model; input NHWC float32 in [0,1], classes: ${manifest.classes.join(', ')}`
    return { 'model.onnx': buildOnnxModel(spec, model, doc), ...preprocessing }
  }
  const { modelJson, weights } = await serializeModel(model)
  const tfjsFiles = { 'model.json': modelJson, 'weights.bin': weights }
  if (format === 'tfjs') return { ...tfjsFiles, ...preprocessing }
  if (format === 'keras') {
    return { 'model_keras.py': generateKerasScript(spec, manifest), ...tfjsFiles, ...preprocessing }
  }
  return { 'model_pytorch.py': generatePytorchModule(spec, manifest), ...tfjsFiles, ...preprocessing }
}
