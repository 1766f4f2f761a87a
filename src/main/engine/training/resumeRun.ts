import { openDataset, type OpenContext, type OpenedDataset } from '../dataset/openDataset'
import type { DatasetReference } from '../../../shared/training'
import { readRunJson } from './runFolder'
import { resumeTraining, type TrainingHooks, type TrainingRun } from './trainingRun'

/** Opens the images a run was trained on, as its run.json describes them. */
export async function openRunDataset(
  reference: DatasetReference,
  ctx: OpenContext = {}
): Promise<OpenedDataset> {
  return openDataset(reference.source, reference.options, ctx)
}

/** `--resume RUN_DIR`: opens the run's dataset again and continues from the last checkpoint, in this thread. */
export async function resumeRun(
  runDir: string,
  hooks: TrainingHooks = {},
  ctx: OpenContext = {}
): Promise<TrainingRun> {
  const run = await readRunJson(runDir)
  const data = await openRunDataset(run.dataset, ctx)
  return resumeTraining(runDir, data, hooks)
}
