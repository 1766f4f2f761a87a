import type * as tf from '@tensorflow/tfjs'
import path from 'node:path'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import type { NetworkSpec } from '../../../shared/network/networkSpec'
import type { RunJson } from '../../../shared/training'
import { DEFAULT_RESIZE } from '../dataset/openDataset'
import { buildModel } from '../network/buildModel'
import { loadModelWeights } from '../training/checkpoint'
import { outputKind } from '../training/classificationLoss'
import { MODEL_DIR } from '../training/modelFiles'
import { readRunJson } from '../training/runFolder'

/** A run's trained model with what it takes to feed it; dispose `model` when done. */
export interface RunModel {
  run: RunJson
  spec: NetworkSpec
  model: tf.LayersModel
  manifest: PreprocessingManifest
}

/** The preprocessing a run's images went through, as the exported manifest states it. */
export function manifestForRun(run: RunJson): PreprocessingManifest {
  const { input, classNames, options } = run.dataset
  return {
    input: { height: input.height, width: input.width, channels: input.channels },
    resize: options.resize ?? DEFAULT_RESIZE,
    normalization: 'x/255',
    classes: [...classNames],
    output: outputKind(run.network),
    network: run.network
  }
}

/** Builds the run's network and loads RUN_DIR/model into it. */
export async function loadRunModel(runDir: string): Promise<RunModel> {
  const run = await readRunJson(runDir)
  const model = buildModel(run.network)
  try {
    await loadModelWeights(path.join(runDir, MODEL_DIR), model).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(
        `${runDir} has no usable trained model in ${MODEL_DIR}/ (${reason}); finish or stop the training run first.`
      )
    })
  } catch (error) {
    model.dispose()
    throw error
  }
  return { run, spec: run.network, model, manifest: manifestForRun(run) }
}
