import { describe, expect, it } from 'vitest'
import {
  accuracyOf,
  confusionMatrix,
  defaultTrainingSettings,
  learningRateAt,
  macroF1,
  parseTrainingSettings,
  perClassMetrics
} from '../../../src/shared/training'

describe('confusion matrix and per-class metrics', () => {
  // 10 samples of 3 classes: cat ×4, dog ×3, bird ×3.
  const truth = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
  const predicted = [0, 0, 1, 2, 1, 1, 0, 2, 2, 2]

  it('counts [true][predicted]', () => {
    expect(confusionMatrix(truth, predicted, 3)).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 0, 3]
    ])
  })

  it('gives accuracy, precision, recall and F1 as computed by hand', () => {
    const confusion = confusionMatrix(truth, predicted, 3)
    expect(accuracyOf(confusion)).toBeCloseTo(7 / 10, 12)
    const [cat, dog, bird] = perClassMetrics(confusion, ['cat', 'dog', 'bird'])
    // cat: 2 right of 4 true, 2 right of 3 predicted as cat.
    expect(cat).toMatchObject({ className: 'cat', support: 4 })
    expect(cat?.precision).toBeCloseTo(2 / 3, 12)
    expect(cat?.recall).toBeCloseTo(2 / 4, 12)
    expect(cat?.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5), 12)
    expect(dog?.precision).toBeCloseTo(2 / 3, 12)
    expect(dog?.recall).toBeCloseTo(2 / 3, 12)
    expect(bird?.precision).toBeCloseTo(3 / 4, 12)
    expect(bird?.recall).toBe(1)
    expect(macroF1([cat!, dog!, bird!])).toBeCloseTo(
      ((cat?.f1 ?? 0) + (dog?.f1 ?? 0) + (bird?.f1 ?? 0)) / 3,
      12
    )
  })

  it('scores a class that is never predicted with 0 precision instead of NaN', () => {
    const [, never] = perClassMetrics(confusionMatrix([0, 1], [0, 0], 2), ['a', 'b'])
    expect(never).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 })
  })

  it('refuses predictions outside the classes', () => {
    expect(() => confusionMatrix([0], [5], 2)).toThrow(/outside 0..1/)
  })
})

describe('training settings', () => {
  it('fills sensible defaults', () => {
    expect(defaultTrainingSettings()).toMatchObject({
      epochs: 5,
      batchSize: 32,
      optimizer: 'adam',
      learningRate: 0.001,
      schedule: { type: 'constant' },
      earlyStopping: { enabled: false }
    })
  })

  it('says which setting is wrong', () => {
    const result = parseTrainingSettings({ batchSize: 0, optimizer: 'lbfgs' })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.join('\n')).toMatch(/batchSize: batchSize must be at least 1/)
      expect(result.errors.join('\n')).toMatch(
        /optimizer: optimizer must be one of sgd, momentum, adam, rmsprop/
      )
    }
  })

  it('schedules the learning rate per epoch', () => {
    const base = { learningRate: 0.1, epochs: 4 }
    expect(learningRateAt({ ...base, schedule: { type: 'constant' } }, 3)).toBe(0.1)
    const step = { ...base, schedule: { type: 'step' as const, every: 2, factor: 0.5 } }
    expect([0, 1, 2, 3].map((e) => learningRateAt(step, e))).toEqual([0.1, 0.1, 0.05, 0.05])
    const cosine = { ...base, schedule: { type: 'cosine' as const } }
    expect(learningRateAt(cosine, 0)).toBeCloseTo(0.1, 12)
    expect(learningRateAt(cosine, 2)).toBeCloseTo(0.05, 12)
    expect(learningRateAt(cosine, 3)).toBeLessThan(0.05)
  })
})
