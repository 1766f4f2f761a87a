import type * as tf from '@tensorflow/tfjs'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import { generatePytorchModule } from '../../../shared/export/pytorchCode'
import { REQUIREMENTS_TXT } from '../../../shared/export/pytorchTrain/projectReadme'
import {
  PROJECT_MODULES,
  RUN_WEIGHTS,
  splitsJson,
  trainingProjectTexts
} from '../../../shared/export/pytorchTrain/trainingProject'
import type { RunJson } from '../../../shared/training'
import { DEFAULT_RESIZE, openDataset, type OpenContext } from '../dataset/openDataset'
import { serializeModel } from '../training/checkpoint'
import { limitTrainSplit } from '../training/trainingData'
import type { ExportFiles } from './exportContents'

/*
 * The "pytorch-train" export: a PyTorch training project for the run. It needs the run's dataset, opened
 * again exactly as the run opened it, because splits.json must list the very images the app trained,
 * validated and tested on (the folder's scan and the seeded split are reproducible, and the decoded
 * images usually come from the cache).
 */

function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i])
}

/** The run's images and split, as the app sees them today; refuses when they are not the run's any more. */
async function runSplits(run: RunJson, ctx: OpenContext) {
  const source = run.dataset.source
  if (source.kind !== 'folder') {
    throw new Error(
      'A PyTorch training project reads a folder of images (one sub-folder per class); this run was trained on the built-in MNIST sample. Save the images as such a folder, open it and train a short run on it to export.'
    )
  }
  const opened = await openDataset(source, run.dataset.options, ctx).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `The run's dataset ${source.path} cannot be opened (${reason}); the training project needs its images and split.`
    )
  })
  if (!sameClasses(opened.classNames, run.dataset.classNames)) {
    throw new Error(
      `The dataset in ${source.path} now has the classes ${opened.classNames.join(', ')}, but the run was trained on ${run.dataset.classNames.join(', ')}; the training project would not match the run.`
    )
  }
  const limited = limitTrainSplit(opened, run.settings.trainLimit, run.settings.seed)
  return splitsJson({
    root: opened.root ?? source.path,
    classNames: opened.classNames,
    input: opened.input,
    resize: run.dataset.options.resize ?? DEFAULT_RESIZE,
    items: opened.items,
    splits: limited.splits
  })
}

/** Every file of the training project, in memory; names are relative to the export folder. */
export async function trainingProjectFiles(
  run: RunJson,
  model: tf.LayersModel,
  manifest: PreprocessingManifest,
  preprocessingText: string,
  ctx: OpenContext = {}
): Promise<ExportFiles> {
  const splits = await runSplits(run, ctx)
  const { modelJson, weights } = await serializeModel(model)
  return {
    ...trainingProjectTexts(run, manifest, splits, preprocessingText),
    [`${RUN_WEIGHTS}/model.json`]: modelJson,
    [`${RUN_WEIGHTS}/weights.bin`]: weights
  }
}

type Sizes = Record<string, { bytes: number; approximate: boolean }>

/** The export dialog's sizes of a training project, from run.json alone (the dataset is not opened). */
export function trainingProjectSizes(run: RunJson, manifest: PreprocessingManifest, model: Sizes): Sizes {
  const exact = (text: string) => ({ bytes: Buffer.byteLength(text), approximate: false })
  const about = (bytes: number) => ({ bytes, approximate: true })
  const { train, val, test } = run.dataset.counts
  const sizes: Sizes = {
    'model.py': exact(generatePytorchModule(run.network, manifest, RUN_WEIGHTS)),
    'requirements.txt': exact(REQUIREMENTS_TXT),
    'README.md': about(4200),
    'train.sbatch': about(900),
    'settings.json': about(
      JSON.stringify({ run: run.settings, net: run.network, data: run.dataset }, null, 2).length
    ),
    'augment.json': exact(JSON.stringify(run.augment ?? { ops: [] }, null, 2) + '\n'),
    // Each image is listed twice (in files and in its split), about 40 bytes each time.
    'splits.json': about(500 + 80 * (train + val + test)),
    'run-weights/model.json': model['model.json'] ?? about(0),
    'run-weights/weights.bin': model['weights.bin'] ?? about(0)
  }
  for (const [name, text] of Object.entries(PROJECT_MODULES)) sizes[name] = exact(text)
  return sizes
}

export function trainingProjectNotes(run: RunJson): string[] {
  const source = run.dataset.source
  const where = source.kind === 'folder' ? source.path : 'the images'
  return [
    `Copy the dataset folder (${where}) to where training runs; README.md gives the commands for one machine, torchrun, several machines and Slurm.`,
    'Once trained, the folder is a run: cnn-workbench train --import FOLDER (or Import a run… in the Train room) brings it back.'
  ]
}
