import * as tf from '@tensorflow/tfjs'
import type { AugmentSpec } from '../../../shared/augment'
import { augmentBatch } from '../augment/augmentBatch'
import { correctCount, crossEntropyPerSample, l2Penalty, type OutputKind } from './classificationLoss'
import { seedDropoutStep } from './seededDropout'
import { batchImages, batchLabels, type TrainingData } from './trainingData'

export interface StepContext {
  model: tf.LayersModel
  optimizer: tf.Optimizer
  data: TrainingData
  kind: OutputKind
  /** null: no augmentation. */
  augment: AugmentSpec | null
  seed: number
  weightDecay: number
}

export interface StepResult {
  /** Mean cross-entropy of the batch, without the L2 penalty. */
  loss: number
  correct: number
}

function trainableVariables(model: tf.LayersModel): { all: tf.Variable[]; kernels: tf.Variable[] } {
  const all: tf.Variable[] = []
  const kernels: tf.Variable[] = []
  for (const weight of model.trainableWeights) {
    const variable = weight.read() as tf.Variable
    all.push(variable)
    if (weight.originalName.endsWith('/kernel')) kernels.push(variable)
  }
  return { all, kernels }
}

/**
 * One optimizer step on the images at `indexes` (dataset indexes, also the augmentation keys). Leaves no
 * tensor behind except the optimizer's own state, created on its first step.
 */
export function trainStep(ctx: StepContext, indexes: Int32Array, epoch: number): StepResult {
  const { all, kernels } = trainableVariables(ctx.model)
  const labelValues = batchLabels(ctx.data, indexes)
  // Kept past the tidy (and the gradient scope) to be read once the step is done; disposed below.
  const kept: { loss?: tf.Scalar; correct?: tf.Scalar } = {}
  tf.tidy(() => {
    const pixels = batchImages(ctx.data, indexes)
    const images = ctx.augment
      ? augmentBatch(
          pixels,
          Array.from(indexes, (index) => ({ index })),
          ctx.augment,
          { seed: ctx.seed, epoch }
        )
      : pixels
    const labels = tf.tensor1d(labelValues, 'int32')
    seedDropoutStep(ctx.model, ctx.seed, epoch, indexes[0] ?? 0)
    const { grads } = tf.variableGrads(() => {
      const output = ctx.model.apply(images, { training: true }) as tf.Tensor2D
      const dataLoss = tf.mean(crossEntropyPerSample(output, labels, ctx.kind)) as tf.Scalar
      kept.correct = tf.keep(correctCount(output, labels))
      kept.loss = tf.keep(dataLoss.clone())
      const penalty = l2Penalty(kernels, ctx.weightDecay)
      return penalty ? tf.add(dataLoss, penalty) : dataLoss
    }, all)
    ctx.optimizer.applyGradients(grads)
  })
  const loss = kept.loss?.dataSync()[0] ?? NaN
  const correct = kept.correct?.dataSync()[0] ?? 0
  tf.dispose([kept.loss, kept.correct].filter((t): t is tf.Scalar => t !== undefined))
  return { loss, correct }
}
