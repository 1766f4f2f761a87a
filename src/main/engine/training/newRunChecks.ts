import { access } from 'node:fs/promises'
import path from 'node:path'
import { trainingAugmentProblem, type AugmentSpec } from '../../../shared/augment'
import type { NetworkSpec } from '../../../shared/network'
import { checkFolderTarget } from '../files/writeTarget'
import { buildModel } from '../network/buildModel'
import { loadInitialWeights } from '../predict/exportedModel'
import { RUN_FILE } from './runFolder'
import { checkTrainingData, type TrainingData } from './trainingData'

function checkNetworkFitsData(network: NetworkSpec, data: TrainingData): void {
  const a = network.input
  const b = data.input
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    throw new Error(
      `The network expects ${a.height}×${a.width}×${a.channels} images but the dataset holds ${b.height}×${b.width}×${b.channels}; open the dataset at the network's size or change the network's input.`
    )
  }
}

/** Refuses starting weights that do not fit before anything is written, so no broken run is left behind. */
async function checkInitialWeights(dir: string, network: NetworkSpec): Promise<void> {
  const model = buildModel(network)
  try {
    await loadInitialWeights(dir, model)
  } finally {
    model.dispose()
  }
}

/**
 * Everything that can be refused about a new run before its folder is written, so a refusal leaves nothing
 * behind: a place no run can be written to, a folder that already holds a run, unusable data, a network of
 * another input size, starting weights that do not fit, an augmentation that changes image sizes (rotate's
 * expand).
 */
export async function checkNewRun(
  runDir: string,
  data: TrainingData,
  network: NetworkSpec,
  initialWeights: string | undefined,
  augment: AugmentSpec | null = null
): Promise<void> {
  await checkFolderTarget(runDir, 'a run')
  const augmentProblem = augment && trainingAugmentProblem(augment)
  if (augmentProblem) throw new Error(`The augmentation cannot be used for training: ${augmentProblem}`)
  const exists = await access(path.join(runDir, RUN_FILE)).then(
    () => true,
    () => false
  )
  if (exists) throw new Error(`${runDir} already holds a run; resume it or choose another folder.`)
  checkTrainingData(data)
  checkNetworkFitsData(network, data)
  if (initialWeights !== undefined) await checkInitialWeights(initialWeights, network)
}
