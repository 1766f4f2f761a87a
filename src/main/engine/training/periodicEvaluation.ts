import type * as tf from '@tensorflow/tfjs'
import { hashKey } from '../../../shared/augment'
import type { PeriodicEvaluation, PeriodicFigures } from '../../../shared/training'
import { mulberry32, shuffleInPlace } from '../dataset/seededRandom'
import type { OutputKind } from './classificationLoss'
import { predictSplit, type PredictOptions } from './predictSplit'
import type { TrainingData } from './trainingData'

/** At most `count` indexes of `split`, a seeded choice kept in dataset order. */
function sampleOf(split: Int32Array, count: number, seed: number, salt: number): Int32Array {
  if (split.length <= count) return split
  const chosen = Int32Array.from(split)
  shuffleInPlace(chosen, mulberry32(hashKey(seed, salt, 0xe7a1)))
  return chosen.slice(0, count).sort()
}

type Pace = Pick<PredictOptions, 'betweenBatches' | 'shouldStop'>

/**
 * The lecture's measurement during training: every `everySteps` steps, accuracy on the same fixed samples
 * of the training and test splits, in inference mode (dropout off), so the curves over iterations compare
 * like with like. The samples depend only on the seed, so a resumed run measures the same images.
 */
export class PeriodicEvaluator {
  private readonly train: Int32Array
  private readonly test: Int32Array

  constructor(
    private readonly settings: PeriodicEvaluation,
    private readonly model: tf.LayersModel,
    private readonly data: TrainingData,
    private readonly kind: OutputKind,
    seed: number
  ) {
    this.train = sampleOf(data.splits.train, settings.trainImages ?? settings.images, seed, 1)
    this.test = sampleOf(data.splits.test, settings.images, seed, 2)
  }

  /** Every `everySteps` steps, and at the run's last step so the curve ends where training ends. */
  isDue(step: number, lastStep: number): boolean {
    return step % this.settings.everySteps === 0 || step === lastStep
  }

  /** The figures at `step`, or null when a stop arrived during the measurement. */
  async measure(step: number, pace: Pace): Promise<PeriodicFigures | null> {
    const options = { batchSize: 256, ...pace }
    const train = await predictSplit(this.model, this.data, this.train, this.kind, options)
    if (!train.complete) return null
    const test = await predictSplit(this.model, this.data, this.test, this.kind, options)
    if (!test.complete) return null
    return {
      step,
      trainLoss: train.loss ?? 0,
      trainAccuracy: train.accuracy ?? 0,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      trainImages: train.count,
      testImages: test.count
    }
  }
}
