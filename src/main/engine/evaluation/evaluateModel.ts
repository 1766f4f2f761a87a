import type * as tf from '@tensorflow/tfjs'
import {
  accuracyOf,
  confusionMatrix,
  macroF1,
  perClassMetrics,
  type EvaluationJson,
  type Misclassified
} from '../../../shared/training'
import type { OutputKind } from '../training/classificationLoss'
import { predictSplit } from '../training/predictSplit'
import type { TrainingData } from '../training/trainingData'

export interface EvaluateOptions {
  /** Which split to evaluate; default the test split, or val when the dataset has no test images. */
  split?: 'train' | 'val' | 'test'
  batchSize?: number
  betweenBatches?: () => Promise<void>
  onBatch?: (done: number, total: number) => void
  /** Checked after every batch; true abandons the evaluation with an EvaluationSkipped error. */
  shouldStop?: () => boolean
}

/** The evaluation was abandoned on request (its figures would cover only part of the split). */
export class EvaluationSkipped extends Error {
  constructor(readonly split: 'train' | 'val' | 'test') {
    super(`The evaluation on the ${split} split was skipped.`)
  }
}

/** The split the evaluation uses when none is named: test, else val, else train. */
export function defaultEvaluationSplit(data: TrainingData): 'train' | 'val' | 'test' {
  if (data.splits.test.length > 0) return 'test'
  return data.splits.val.length > 0 ? 'val' : 'train'
}

/**
 * Loss, accuracy, confusion matrix, per-class precision/recall/F1 and every misclassified image (most
 * confident mistake first) of one split, through the model in inference mode.
 */
export async function evaluateModel(
  model: tf.LayersModel,
  data: TrainingData,
  kind: OutputKind,
  options: EvaluateOptions = {}
): Promise<EvaluationJson> {
  const split = options.split ?? defaultEvaluationSplit(data)
  const indexes = data.splits[split]
  const { betweenBatches, onBatch, shouldStop } = options
  const predictions = await predictSplit(model, data, indexes, kind, {
    batchSize: options.batchSize ?? 256,
    ...(betweenBatches ? { betweenBatches } : {}),
    ...(onBatch ? { onBatch } : {}),
    ...(shouldStop ? { shouldStop } : {})
  })
  if (!predictions.complete) throw new EvaluationSkipped(split)
  const trueLabels = Int32Array.from(indexes, (i) => data.labels[i] as number)
  const confusion = confusionMatrix(trueLabels, predictions.predicted, data.classNames.length)
  const perClass = perClassMetrics(confusion, data.classNames)
  const all: Misclassified[] = Array.from(indexes, (index, i) => ({
    index,
    trueLabel: trueLabels[i] as number,
    predicted: predictions.predicted[i] as number,
    confidence: predictions.confidence[i] as number
  }))
  const misclassified = all.filter((p) => p.predicted !== p.trueLabel)
  misclassified.sort((a, b) => b.confidence - a.confidence || a.index - b.index)
  return {
    version: 1,
    split,
    count: indexes.length,
    loss: predictions.loss,
    accuracy: accuracyOf(confusion),
    classNames: [...data.classNames],
    confusion,
    perClass,
    macroF1: macroF1(perClass),
    misclassified,
    predictions: all,
    imagesPerSecond: predictions.imagesPerSecond,
    createdAt: new Date().toISOString()
  }
}
