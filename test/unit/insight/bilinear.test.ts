import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { resizeBilinear } from '../../../src/shared/insight/bilinear'
import { maxDifference, randomPixels } from './insightFixtures'

beforeAll(async () => {
  await trainingBackend('cpu')
})

describe('display upsampling', () => {
  it('is the bilinear resampling tfjs gives with pixel centres aligned', () => {
    const map = Float32Array.from(randomPixels(7, 5, 1, 3), (v) => v / 255)
    for (const size of [
      [28, 28],
      [14, 10],
      [7, 5],
      [30, 3]
    ] as [number, number][]) {
      const ours = resizeBilinear(map, [7, 5], size)
      const theirs = tf.tidy(() =>
        tf.image.resizeBilinear(tf.tensor3d(map, [7, 5, 1]), size, false, true).dataSync()
      )
      expect(maxDifference(ours, theirs)).toBeLessThan(1e-6)
    }
  })
})
