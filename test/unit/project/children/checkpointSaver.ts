/**
 * Saves training checkpoints of a small model, epoch after epoch from the epoch given, until it is
 * killed (as a run being trained would). Checkpoint i holds
 * weights that are all i and best weights that are all i + 0.5, so a reader can tell a whole checkpoint
 * from a mixed one. Prints "ready" once its first checkpoint is complete.
 */
import * as tf from '@tensorflow/tfjs'
import { saveCheckpoint } from '../../../../src/main/engine/training/checkpoint'

export function smallModel(): tf.LayersModel {
  const model = tf.sequential()
  model.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }))
  model.add(tf.layers.flatten())
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }))
  return model
}

export const smallOptimizer = (): tf.Optimizer => tf.train.momentum(0.01, 0.9)

function fillWeights(model: tf.LayersModel, value: number): void {
  for (const w of model.weights) w.write(tf.fill(w.shape as number[], value))
}

async function main(runDir: string, first: number): Promise<void> {
  await tf.setBackend('cpu')
  const model = smallModel()
  const optimizer = smallOptimizer()
  // One step gives the optimizer state (its momentum accumulators) to save.
  const x = tf.ones([2, 8, 8, 1])
  const y = tf.oneHot(tf.tensor1d([0, 1], 'int32'), 3)
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.predict(x) as tf.Tensor) as tf.Scalar)
  for (let i = first; ; i++) {
    fillWeights(model, i)
    const best = model.weights.map((w) => tf.fill(w.shape as number[], i + 0.5))
    await saveCheckpoint(runDir, {
      model,
      optimizer,
      bestWeights: best,
      state: {
        epochsCompleted: i,
        step: i * 10,
        optimizer: 'momentum',
        earlyStopping: { bestValLoss: 1 / i, bestEpoch: i, epochsWithoutImprovement: 0 },
        trainedImages: i * 100,
        trainingSeconds: i
      }
    })
    tf.dispose(best)
    if (i === first) process.stdout.write('ready\n')
  }
}

if (process.argv[2]) void main(process.argv[2], Number(process.argv[3] ?? 1))
