import { z } from 'zod'
import { NetworkSpec } from '../network/networkSpec'

/** The formats that hold a run's model alone (each is written as one folder). */
export const MODEL_EXPORT_FORMATS = ['tfjs', 'onnx', 'keras', 'pytorch'] as const
/**
 * Every export format. "pytorch-train" is a whole training project (the model, the dataset's split, the
 * augmentation and the settings) that trains the run further with PyTorch, on one machine or a cluster.
 */
export const EXPORT_FORMATS = [...MODEL_EXPORT_FORMATS, 'pytorch-train'] as const
export const ExportFormat = z.enum(EXPORT_FORMATS)
export type ExportFormat = z.infer<typeof ExportFormat>

export const MANIFEST_FILE = 'preprocessing.json'

/**
 * `preprocessing.json`, written next to every exported model: what to do to an image before it goes
 * into the network, so code outside the app predicts what the app predicts.
 *   - resize the decoded image to input.width × input.height with `resize`
 *     (stretch: ignore the aspect ratio; letterbox: fit inside, pad with black; centre-crop: fill, crop the
 *     overflow), drop alpha onto black, convert to grey (channels 1) or sRGB (channels 3);
 *   - lay the pixels out as [height, width, channels] uint8 and divide by 255 ("x/255").
 * `output` says whether the network's last layer already gives probabilities or raw scores that still
 * need a softmax (ONNX exports always end in probabilities).
 * `network` (optional, written by the app) is the workbench's own description of the layers, so the app
 * can rebuild an exported model and train it further; other readers can ignore it.
 */
export const PreprocessingManifest = z.object({
  input: z.object({
    height: z.number().int().min(1),
    width: z.number().int().min(1),
    channels: z.union([z.literal(1), z.literal(3)])
  }),
  resize: z.enum(['stretch', 'letterbox', 'centre-crop']),
  normalization: z.literal('x/255'),
  classes: z.array(z.string()),
  output: z.enum(['probabilities', 'logits']).default('probabilities'),
  network: NetworkSpec.optional()
})
export type PreprocessingManifest = z.infer<typeof PreprocessingManifest>

/** One file of an export as the export dialog lists it. */
export const ExportFileInfo = z.object({
  /** Relative to the export folder. */
  name: z.string(),
  bytes: z.number().int(),
  /** True when `bytes` is an estimate (describeExport, before anything is written). */
  approximate: z.boolean().default(false),
  description: z.string()
})
export type ExportFileInfo = z.infer<typeof ExportFileInfo>

export const ExportDescription = z.object({
  format: ExportFormat,
  files: z.array(ExportFileInfo),
  totalBytes: z.number().int(),
  notes: z.array(z.string())
})
export type ExportDescription = z.infer<typeof ExportDescription>

/** The file names each format writes into its folder. */
export const EXPORT_FILE_NAMES: Record<ExportFormat, readonly string[]> = {
  tfjs: ['model.json', 'weights.bin', MANIFEST_FILE],
  onnx: ['model.onnx', MANIFEST_FILE],
  keras: ['model_keras.py', 'model.json', 'weights.bin', MANIFEST_FILE],
  pytorch: ['model_pytorch.py', 'model.json', 'weights.bin', MANIFEST_FILE],
  'pytorch-train': [
    'README.md',
    'requirements.txt',
    'train.sbatch',
    'model.py',
    'train.py',
    'training_loop.py',
    'run_record.py',
    'runfiles.py',
    'data.py',
    'augment.py',
    'geometry.py',
    'seeded.py',
    'settings.json',
    'augment.json',
    'splits.json',
    'run-weights/model.json',
    'run-weights/weights.bin',
    MANIFEST_FILE
  ]
}
