import path from 'node:path'
import {
  EXPORT_FILE_NAMES,
  MANIFEST_FILE,
  type ExportDescription,
  type ExportFileInfo,
  type ExportFormat
} from '../../../shared/export/exportManifest'
import { generateKerasScript } from '../../../shared/export/kerasCode'
import { generatePytorchModule } from '../../../shared/export/pytorchCode'
import { formatBytes } from '../../../shared/network/summaryText'
import { summarizeNetwork } from '../../../shared/network/summary'
import type { NetworkSpec } from '../../../shared/network/networkSpec'
import { checkFolderTarget } from '../files/writeTarget'
import { readRunJson } from '../training/runFolder'
import { exportContents, manifestText } from './exportContents'
import { writeExportFolder } from './exportFolder'
import { ONNX_OPSET } from './onnxExport'
import { loadRunModel, manifestForRun } from './runModel'
import { trainingProjectFiles, trainingProjectNotes, trainingProjectSizes } from './trainingProject'

export interface ExportResult {
  /** The export folder. */
  dir: string
  files: { path: string; bytes: number }[]
  /** One line for people, e.g. "ONNX (opset 13): 2 files, 12.9 MB in out/model". */
  summary: string
}

export interface ExportOptions {
  /** Checked before anything is written; an aborted export leaves the target as it was. */
  signal?: AbortSignal
  /** Where decoded datasets are cached ("pytorch-train" opens the run's dataset again). */
  cacheDir?: string
}

const FORMAT_TITLES: Record<ExportFormat, string> = {
  tfjs: 'TensorFlow.js layers model',
  onnx: `ONNX (opset ${ONNX_OPSET})`,
  keras: 'Keras script with the weights',
  pytorch: 'PyTorch module with the weights',
  'pytorch-train': 'PyTorch training project (torchrun / a cluster)'
}

const FILE_DESCRIPTIONS: Record<string, string> = {
  'model.json': 'tfjs model topology and weight manifest',
  'weights.bin': 'weights, float32',
  'model.onnx': 'ONNX graph with weights; input NHWC float32 [N,H,W,C] in [0,1], output probabilities',
  'model_keras.py': 'Keras code defining the network and loading weights.bin',
  'model_pytorch.py': 'PyTorch module (NCHW) and a loader for weights.bin',
  [MANIFEST_FILE]: 'preprocessing: input size, resize mode, x/255, class names',
  'README.md':
    'how to train: python train.py, torchrun, several machines, Slurm; and how to bring the run back',
  'train.py': 'training entry point: one process, or DistributedDataParallel under torchrun',
  'model.py': "the network as a PyTorch module, with the loader of the app's weights and its reverse",
  'data.py': "the dataset folder read with the app's split and preprocessing",
  'augment.py': "the run's augmentation in torch ops, with the app's draws",
  'splits.json': "the app's train/val/test split: every image, relative to the data folder",
  'settings.json': "the run's training settings, network and dataset reference",
  'augment.json': "the run's augmentation spec",
  'run-weights/weights.bin': "the run's trained weights (train.py --init-weights run-weights)"
}

/** How many weight tensors tfjs keeps for a spec (kernel and bias; batch-norm's four). */
function weightCount(spec: NetworkSpec): number {
  return spec.layers.reduce((n, layer) => {
    if (layer.type === 'conv2d' || layer.type === 'dense') return n + (layer.useBias ? 2 : 1)
    return n + (layer.type === 'batchNorm' ? 4 : 0)
  }, 0)
}

/**
 * Exports a run's trained model (RUN_DIR/model) as `format` into the folder `outPath`. The folder is
 * written next to its final place and renamed in, so an existing export there is replaced only by a
 * complete new one.
 */
export async function exportRun(
  runDir: string,
  format: ExportFormat,
  outPath: string,
  opts: ExportOptions = {}
): Promise<ExportResult> {
  // Before the (possibly slow) conversion: a target that cannot be written is refused at once.
  const dir = await checkFolderTarget(outPath, 'the export')
  const { run, spec, model, manifest } = await loadRunModel(path.resolve(runDir))
  let files: Record<string, string | Uint8Array>
  try {
    files =
      format === 'pytorch-train'
        ? await trainingProjectFiles(run, model, manifest, manifestText(format, manifest), {
            ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
            ...(opts.signal ? { signal: opts.signal } : {})
          })
        : await exportContents(format, spec, model, manifest)
  } finally {
    model.dispose()
  }
  opts.signal?.throwIfAborted()
  await writeExportFolder(dir, files)
  const written = Object.entries(files).map(([name, data]) => ({
    path: path.join(dir, name),
    bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
  }))
  const total = written.reduce((sum, f) => sum + f.bytes, 0)
  return {
    dir,
    files: written,
    summary: `${FORMAT_TITLES[format]}: ${written.length} files, ${formatBytes(total)} in ${dir}`
  }
}

/** What exportRun will write for a run, for the export dialog (reads run.json only; no model is loaded). */
export async function describeExport(runDir: string, format: ExportFormat): Promise<ExportDescription> {
  const run = await readRunJson(path.resolve(runDir))
  const manifest = manifestForRun(run)
  const summary = summarizeNetwork(run.network)
  const weightBytes = summary.totalParams * 4
  const layers = run.network.layers.length
  const sizes: Record<string, { bytes: number; approximate: boolean }> = {
    // Measured on the templates: about 300 bytes per layer config and 75 per weight entry.
    'model.json': { bytes: 300 + 300 * layers + 75 * weightCount(run.network), approximate: true },
    'weights.bin': { bytes: weightBytes, approximate: false },
    // Weights plus a few hundred bytes per node.
    'model.onnx': { bytes: weightBytes + 400 + 250 * (layers + 2), approximate: true },
    [MANIFEST_FILE]: {
      bytes: Buffer.byteLength(manifestText(format, manifest)),
      approximate: false
    }
  }
  if (format === 'keras') {
    sizes['model_keras.py'] = {
      bytes: Buffer.byteLength(generateKerasScript(run.network, manifest)),
      approximate: false
    }
  }
  if (format === 'pytorch') {
    sizes['model_pytorch.py'] = {
      bytes: Buffer.byteLength(generatePytorchModule(run.network, manifest)),
      approximate: false
    }
  }
  if (format === 'pytorch-train') Object.assign(sizes, trainingProjectSizes(run, manifest, sizes))
  const files: ExportFileInfo[] = EXPORT_FILE_NAMES[format].map((name) => ({
    name,
    bytes: sizes[name]?.bytes ?? 0,
    approximate: sizes[name]?.approximate ?? true,
    description: FILE_DESCRIPTIONS[name] ?? ''
  }))
  const notes: string[] = []
  if (run.status !== 'completed' && run.status !== 'stopped') {
    notes.push(`The run is ${run.status}; the export holds the weights saved in its model/ folder, if any.`)
  }
  if (format === 'pytorch') {
    notes.push('PyTorch expects NCHW input; the loader reorders the weights after a Flatten to match.')
  }
  if (format === 'pytorch-train') notes.push(...trainingProjectNotes(run))
  return { format, files, totalBytes: files.reduce((s, f) => s + f.bytes, 0), notes }
}
