import * as tf from '@tensorflow/tfjs'
import type { TrainingSettings } from '../../../shared/training'

/** The tfjs optimizer for the settings, at the base learning rate. */
export function createOptimizer(settings: TrainingSettings): tf.Optimizer {
  const lr = settings.learningRate
  switch (settings.optimizer) {
    case 'sgd':
      return tf.train.sgd(lr)
    case 'momentum':
      return tf.train.momentum(lr, settings.momentum)
    case 'adam':
      return tf.train.adam(lr)
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, 0)
  }
}

/**
 * Changes the learning rate between epochs. SGD and momentum keep it as a scalar tensor, replaced by
 * setLearningRate; Adam and RMSProp read the plain `learningRate` field at every step.
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (optimizer instanceof tf.SGDOptimizer) {
    if ((optimizer as unknown as { learningRate: number }).learningRate !== learningRate) {
      optimizer.setLearningRate(learningRate)
    }
    return
  }
  // The field is protected in the typings but public in behaviour (getConfig reads it).
  ;(optimizer as unknown as { learningRate: number }).learningRate = learningRate
}
