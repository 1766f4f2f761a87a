import * as tf from '@tensorflow/tfjs'
import type { TrainingSettings } from '../../../shared/training'
import { learningRateHolder } from '../backend/libraryInternals'
import { FusedAdamOptimizer } from './fusedAdam'

/** The tfjs optimizer for the settings, at the base learning rate. */
export function createOptimizer(settings: TrainingSettings): tf.Optimizer {
  const lr = settings.learningRate
  switch (settings.optimizer) {
    case 'sgd':
      return tf.train.sgd(lr)
    case 'momentum':
      return tf.train.momentum(lr, settings.momentum)
    case 'adam':
      return new FusedAdamOptimizer(lr, 0.9, 0.999)
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, 0)
  }
}

/**
 * Changes the learning rate between epochs. SGD and momentum keep it as a scalar tensor, replaced by
 * setLearningRate; Adam and RMSProp read the plain `learningRate` field at every step. (instanceof cannot
 * tell them apart: tfjs makes every optimizer an instance of every optimizer class.)
 */
export function setLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  // The field is protected in the typings but public in behaviour (getConfig reads it).
  const target = learningRateHolder(optimizer)
  if (target.learningRate === learningRate) return
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate)
  else target.learningRate = learningRate
}

/** optimizer.dispose(), plus the learning-rate scalar that MomentumOptimizer.dispose forgets. */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose()
  const rate = learningRateHolder(optimizer).c
  if (rate && !rate.isDisposed) rate.dispose()
}
