import type * as tf from '@tensorflow/tfjs'
import type { EpochFigures } from '../../../shared/training'
import type { OutputKind } from './classificationLoss'
import { predictSplit } from './predictSplit'
import type { TrainingData } from './trainingData'

export type ValidationFigures = Pick<EpochFigures, 'valLoss' | 'valAccuracy'>

const NOT_VALIDATED: ValidationFigures = { valLoss: null, valAccuracy: null }

/**
 * The validation split through the model after an epoch. It can take long, so `betweenBatches` (a pause)
 * and `shouldStop` are honoured between its batches; a stopped pass gives no figures. The epoch itself is
 * kept either way: validation does not change the weights.
 */
export async function validateEpoch(
  model: tf.LayersModel,
  data: TrainingData,
  kind: OutputKind,
  batchSize: number,
  pace: { betweenBatches: () => Promise<void>; shouldStop: () => boolean }
): Promise<ValidationFigures> {
  if (data.splits.val.length === 0) return NOT_VALIDATED
  const val = await predictSplit(model, data, data.splits.val, kind, {
    batchSize: Math.max(batchSize, 128),
    ...pace
  })
  return val.complete ? { valLoss: val.loss, valAccuracy: val.accuracy } : NOT_VALIDATED
}
