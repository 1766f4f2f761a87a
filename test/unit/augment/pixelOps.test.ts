import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AugmentSpec } from '../../../src/shared/augment'
import { augmentBatch } from '../../../src/main/engine/augment'
import { testPixels, useBackend } from './augmentTestImages'

beforeAll(async () => {
  await useBackend('cpu')
})

function augmentValues(
  values: Float32Array,
  shape: [number, number, number, number],
  spec: AugmentSpec,
  seed = 5
) {
  return tf.tidy(() => {
    const keys = Array.from({ length: shape[0] }, (_, index) => ({ index }))
    return Float32Array.from(
      augmentBatch(tf.tensor4d(values, shape), keys, spec, { seed, epoch: 0 }).dataSync()
    )
  })
}

describe('salt and pepper', () => {
  it('turns each pixel to 0 with probability p and to 1 with probability p (1e5 pixels, within 1%)', () => {
    const shape: [number, number, number, number] = [1, 250, 400, 1]
    for (const p of [0.05, 0.2]) {
      const out = augmentValues(new Float32Array(100_000).fill(0.5), shape, {
        ops: [{ type: 'saltPepper', amount: p }]
      })
      const zeros = out.filter((v) => v === 0).length / out.length
      const ones = out.filter((v) => v === 1).length / out.length
      const kept = out.filter((v) => v === 0.5).length / out.length
      expect(Math.abs(zeros - p)).toBeLessThan(0.01)
      expect(Math.abs(ones - p)).toBeLessThan(0.01)
      expect(zeros + ones + kept).toBe(1)
    }
  })

  it('hits all channels of a pixel together', () => {
    const pixels = 50 * 50
    const values = new Float32Array(pixels * 3)
    for (let i = 0; i < pixels; i++) values.set([0.25, 0.5, 0.75], i * 3)
    const out = augmentValues(values, [1, 50, 50, 3], { ops: [{ type: 'saltPepper', amount: 0.2 }] })
    let changed = 0
    for (let i = 0; i < pixels; i++) {
      const px = Array.from(out.subarray(i * 3, i * 3 + 3))
      const allSame = px.every((v) => v === px[0])
      const original = px[0] === 0.25 && px[1] === 0.5 && px[2] === 0.75
      expect(allSame || original).toBe(true)
      if (!original) changed++
    }
    expect(changed / pixels).toBeGreaterThan(0.3)
  })
})

describe('gaussian noise', () => {
  it('adds N(0, σ) per value and clips to [0, 1]', () => {
    const out = augmentValues(new Float32Array(40_000).fill(0.5), [1, 200, 200, 1], {
      ops: [{ type: 'gaussianNoise', sigma: 0.1 }]
    })
    const mean = out.reduce((a, b) => a + b, 0) / out.length
    const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length)
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.002)
    expect(Math.abs(sd - 0.1)).toBeLessThan(0.002)
    const wide = augmentValues(new Float32Array(10_000).fill(0.5), [1, 100, 100, 1], {
      ops: [{ type: 'gaussianNoise', sigma: 1 }]
    })
    expect(Math.min(...wide)).toBe(0)
    expect(Math.max(...wide)).toBe(1)
  })
})

describe('brightness and contrast', () => {
  it('adds the drawn delta and clips', () => {
    const values = new Float32Array([0, 0.25, 0.5, 0.95])
    const out = augmentValues(values, [1, 2, 2, 1], { ops: [{ type: 'brightness', delta: [0.1, 0.1] }] })
    expect(Array.from(out)).toEqual([0.1, 0.35, 0.6, 1].map((v) => Math.fround(v)))
  })

  it('stretches around the per-channel mean: (x − mean)·factor + mean, clipped', () => {
    // Channel 0 has mean 0.5, channel 1 has mean 0.25.
    const values = new Float32Array([0.25, 0, 0.75, 0.5, 0.5, 0.25, 0.5, 0.25])
    const out = augmentValues(values, [1, 2, 2, 2], { ops: [{ type: 'contrast', factor: [2, 2] }] })
    expect(Array.from(out)).toEqual([0, 0, 1, 0.75, 0.5, 0.25, 0.5, 0.25])
  })
})

describe('probability and enabled', () => {
  const everything: AugmentSpec = {
    ops: [
      { type: 'flip', direction: 'both' },
      { type: 'rotate', degrees: [-30, 30] },
      { type: 'shift', x: [-3, 3], y: [-3, 3] },
      { type: 'scale', factor: [0.7, 1] },
      { type: 'saltPepper', amount: 0.05 },
      { type: 'gaussianNoise', sigma: 0.1 },
      { type: 'brightness', delta: [-0.2, 0.2] },
      { type: 'contrast', factor: [0.8, 1.2] }
    ]
  }
  const values = testPixels(4 * 9 * 7 * 3, 1)
  const shape: [number, number, number, number] = [4, 9, 7, 3]

  it('probability 0 leaves every image exactly as it was', () => {
    const spec = { ops: everything.ops.map((op) => ({ ...op, probability: 0 })) }
    expect(augmentValues(values, shape, spec)).toEqual(values)
  })

  it('a disabled op is skipped and its settings kept', () => {
    const spec = { ops: everything.ops.map((op) => ({ ...op, enabled: false })) }
    expect(augmentValues(values, shape, spec)).toEqual(values)
    expect(augmentValues(values, shape, everything)).not.toEqual(values)
  })

  it('keeps every value in [0, 1] under the full pipeline', () => {
    const out = augmentValues(values, shape, everything)
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...out)).toBeLessThanOrEqual(1)
  })
})
