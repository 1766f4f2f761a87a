import * as tf from '@tensorflow/tfjs'
import { crossEntropyPerSample, toProbabilities, type OutputKind } from './classificationLoss'
import { batchImages, batchLabels, type TrainingData } from './trainingData'

export interface SplitPredictions {
  count: number
  /** Mean cross-entropy; null for an empty split. */
  loss: number | null
  accuracy: number | null
  predicted: Int32Array
  /** Probability of the predicted class. */
  confidence: Float32Array
  imagesPerSecond: number | null
  /** False when shouldStop ended it early; then the figures cover only the images seen. */
  complete: boolean
}

export interface PredictOptions {
  batchSize?: number
  /** Awaited after every batch (to let the event loop breathe, or to wait out a pause). */
  betweenBatches?: () => Promise<void>
  /** Checked after every batch; true ends the pass early. */
  shouldStop?: () => boolean
  /** Told after every batch how many of the images are done. */
  onBatch?: (done: number, total: number) => void
}

/** Runs the images at `indexes` through the network in inference mode (dropout off), in batches. */
export async function predictSplit(
  model: tf.LayersModel,
  data: TrainingData,
  indexes: Int32Array,
  kind: OutputKind,
  options: PredictOptions = {}
): Promise<SplitPredictions> {
  const batchSize = options.batchSize ?? 256
  let count = indexes.length
  const predicted = new Int32Array(count)
  const confidence = new Float32Array(count)
  let lossSum = 0
  let correct = 0
  const started = performance.now()
  for (let start = 0; start < count; start += batchSize) {
    const batch = indexes.subarray(start, Math.min(count, start + batchSize))
    const labelValues = batchLabels(data, batch)
    const [losses, argMax, maxProb] = tf.tidy(() => {
      const output = model.apply(batchImages(data, batch), { training: false }) as tf.Tensor2D
      const probabilities = toProbabilities(output, kind)
      const labels = tf.tensor1d(labelValues, 'int32')
      return [
        crossEntropyPerSample(output, labels, kind),
        tf.argMax(probabilities, 1),
        tf.max(probabilities, 1)
      ]
    })
    const lossValues = losses.dataSync()
    const argValues = argMax.dataSync()
    const probValues = maxProb.dataSync()
    tf.dispose([losses, argMax, maxProb])
    for (let i = 0; i < batch.length; i++) {
      lossSum += lossValues[i] ?? 0
      predicted[start + i] = argValues[i] ?? 0
      confidence[start + i] = probValues[i] ?? 0
      if (predicted[start + i] === labelValues[i]) correct++
    }
    options.onBatch?.(start + batch.length, indexes.length)
    await options.betweenBatches?.()
    if (options.shouldStop?.() && start + batchSize < count) {
      count = start + batch.length
      break
    }
  }
  const seconds = (performance.now() - started) / 1000
  return {
    count,
    loss: count === 0 ? null : lossSum / count,
    accuracy: count === 0 ? null : correct / count,
    predicted: predicted.subarray(0, count),
    confidence: confidence.subarray(0, count),
    complete: count === indexes.length,
    imagesPerSecond: count === 0 || seconds === 0 ? null : count / seconds
  }
}
