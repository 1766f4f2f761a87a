import type { InputShape, ResizeMode } from '../../datasetSchemas'
import type { RunJson } from '../../training/runJson'
import type { PreprocessingManifest } from '../exportManifest'
import { generatePytorchModule } from '../pytorchCode'
import { AUGMENT_PY } from './augmentPy'
import { DATA_PY } from './dataPy'
import { GEOMETRY_PY } from './geometryPy'
import { projectReadme, REQUIREMENTS_TXT, slurmScript } from './projectReadme'
import { RUN_FILES_PY } from './runFilesPy'
import { RUN_RECORD_PY } from './runRecordPy'
import { SEEDED_PY } from './seededPy'
import { TRAIN_PY } from './trainPy'
import { TRAINING_LOOP_PY } from './trainingLoopPy'

/**
 * `splits.json`: the app's split of the dataset, so the PyTorch project trains, validates and tests on
 * exactly the same images. `files` lists every usable image in the app's order (relative to `root`): an
 * image's position is the index that keys its augmentation draws and names it in evaluation.json.
 * `splits[split][class]` lists the split's images of each class.
 */
export interface SplitsJson {
  version: 1
  root: string
  classes: string[]
  input: InputShape
  resize: ResizeMode
  files: string[]
  splits: Record<'train' | 'val' | 'test', Record<string, string[]>>
}

/** What the app knows about the dataset, as `splits.json` needs it. */
export interface SplitSource {
  root: string
  classNames: readonly string[]
  input: InputShape
  resize: ResizeMode
  /** Relative path and class of every image, in the app's order. */
  items: readonly { path: string; label: number }[]
  splits: { train: ArrayLike<number>; val: ArrayLike<number>; test: ArrayLike<number> }
}

export function splitsJson(source: SplitSource): SplitsJson {
  const bySplit = (indexes: ArrayLike<number>): Record<string, string[]> => {
    const perClass: Record<string, string[]> = Object.fromEntries(source.classNames.map((name) => [name, []]))
    for (const index of Array.from(indexes)) {
      const item = source.items[index]
      const name = item ? source.classNames[item.label] : undefined
      if (item && name !== undefined) perClass[name]?.push(item.path)
    }
    return perClass
  }
  return {
    version: 1,
    root: source.root,
    classes: [...source.classNames],
    input: source.input,
    resize: source.resize,
    files: source.items.map((item) => item.path),
    splits: {
      train: bySplit(source.splits.train),
      val: bySplit(source.splits.val),
      test: bySplit(source.splits.test)
    }
  }
}

/** The folder of the run's own weights in the project (train.py --init-weights run-weights). */
export const RUN_WEIGHTS = 'run-weights'

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n'

/** The static Python modules of every training project. */
export const PROJECT_MODULES: Record<string, string> = {
  'train.py': TRAIN_PY,
  'training_loop.py': TRAINING_LOOP_PY,
  'run_record.py': RUN_RECORD_PY,
  'runfiles.py': RUN_FILES_PY,
  'data.py': DATA_PY,
  'augment.py': AUGMENT_PY,
  'geometry.py': GEOMETRY_PY,
  'seeded.py': SEEDED_PY
}

/**
 * The text files of a "pytorch-train" export (the run's weights, run-weights/, are added by the engine).
 * `preprocessingText` is the preprocessing.json every export carries.
 */
export function trainingProjectTexts(
  run: RunJson,
  manifest: PreprocessingManifest,
  splits: SplitsJson,
  preprocessingText: string
): Record<string, string> {
  const counts = {
    train: Object.values(splits.splits.train).reduce((n, list) => n + list.length, 0),
    val: Object.values(splits.splits.val).reduce((n, list) => n + list.length, 0),
    test: Object.values(splits.splits.test).reduce((n, list) => n + list.length, 0)
  }
  const facts = {
    runId: run.id,
    dataRoot: splits.root,
    classes: splits.classes,
    counts,
    input: splits.input,
    epochs: run.settings.epochs,
    batchSize: run.settings.batchSize,
    optimizer: run.settings.optimizer,
    augmented: run.settings.augment && (run.augment?.ops.length ?? 0) > 0
  }
  return {
    'README.md': projectReadme(facts),
    'requirements.txt': REQUIREMENTS_TXT,
    'train.sbatch': slurmScript(facts),
    'model.py': generatePytorchModule(run.network, manifest, RUN_WEIGHTS),
    ...PROJECT_MODULES,
    'settings.json': json({
      exportedFrom: run.id,
      settings: run.settings,
      network: run.network,
      dataset: { ...run.dataset, counts },
      augment: run.augment
    }),
    'augment.json': json(run.augment ?? { ops: [] }),
    'splits.json': json(splits),
    'preprocessing.json': preprocessingText
  }
}
