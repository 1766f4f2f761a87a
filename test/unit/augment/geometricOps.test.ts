import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { augmentBatch } from '../../../src/main/engine/augment'
import type { AugmentOp } from '../../../src/shared/augment'
import { GRID_3x4, GRID_4x4, gridTensor, runOp, SCALE, useBackend } from './augmentTestImages'

// Every expectation below is written out by hand from the lecture's definitions (np.flip, np.rot90,
// shifting with zeros, zooming out with padding), and checked on both backends the engine trains on.
describe.each(['cpu', 'wasm'] as const)('geometric ops on %s', (backend) => {
  it('initialises the backend', async () => {
    await useBackend(backend)
    expect(tf.getBackend()).toBe(backend)
  })

  it('flips like np.flip: horizontal = axis 1, vertical = axis 0, both = both', () => {
    expect(runOp(GRID_3x4, { type: 'flip', direction: 'horizontal' })).toEqual([
      [4, 3, 2, 1],
      [8, 7, 6, 5],
      [12, 11, 10, 9]
    ])
    expect(runOp(GRID_3x4, { type: 'flip', direction: 'vertical' })).toEqual([
      [9, 10, 11, 12],
      [5, 6, 7, 8],
      [1, 2, 3, 4]
    ])
    expect(runOp(GRID_3x4, { type: 'flip', direction: 'both' })).toEqual([
      [12, 11, 10, 9],
      [8, 7, 6, 5],
      [4, 3, 2, 1]
    ])
  })

  it('shifts by whole pixels exactly, filling with zeros (+x right, +y down)', () => {
    expect(runOp(GRID_3x4, { type: 'shift', x: [2, 2], y: [1, 1] })).toEqual([
      [0, 0, 0, 0],
      [0, 0, 1, 2],
      [0, 0, 5, 6]
    ])
    expect(runOp(GRID_3x4, { type: 'shift', x: [-1, -1], y: [0, 0], unit: 'px' })).toEqual([
      [2, 3, 4, 0],
      [6, 7, 8, 0],
      [10, 11, 12, 0]
    ])
    // A fraction is of the width for x and of the height for y: 0.5 × 4 = 2 px, −1/3 × 3 = −1 px.
    expect(runOp(GRID_3x4, { type: 'shift', x: [0.5, 0.5], y: [-1 / 3, -1 / 3], unit: 'fraction' })).toEqual([
      [0, 0, 5, 6],
      [0, 0, 9, 10],
      [0, 0, 0, 0]
    ])
  })

  it('fills uncovered pixels with the constant, the edge, or the reflection', () => {
    const right2: Extract<AugmentOp, { type: 'shift' }> = { type: 'shift', x: [2, 2], y: [0, 0] }
    expect(runOp(GRID_3x4, { ...right2, fill: 'constant', fillValue: 0.5 })[0]).toEqual([8, 8, 1, 2])
    expect(runOp(GRID_3x4, { ...right2, fill: 'edge' })).toEqual([
      [1, 1, 1, 2],
      [5, 5, 5, 6],
      [9, 9, 9, 10]
    ])
    // Reflection about the edge of the last pixel: (b a | a b c d).
    expect(runOp(GRID_3x4, { ...right2, fill: 'reflect' })[2]).toEqual([10, 9, 9, 10])
    expect(runOp(GRID_3x4, { type: 'shift', x: [-3, -3], y: [1, 1], fill: 'reflect' })).toEqual([
      [4, 4, 3, 2],
      [4, 4, 3, 2],
      [8, 8, 7, 6]
    ])
  })

  it('rotates +90° counter-clockwise exactly like np.rot90(img), and −90° like np.rot90(img, −1)', () => {
    expect(runOp(GRID_4x4, { type: 'rotate', degrees: [90, 90] })).toEqual([
      [4, 8, 12, 16],
      [3, 7, 11, 15],
      [2, 6, 10, 14],
      [1, 5, 9, 13]
    ])
    expect(runOp(GRID_4x4, { type: 'rotate', degrees: [-90, -90] })).toEqual([
      [13, 9, 5, 1],
      [14, 10, 6, 2],
      [15, 11, 7, 3],
      [16, 12, 8, 4]
    ])
    expect(runOp(GRID_4x4, { type: 'rotate', degrees: [180, 180] })).toEqual(
      runOp(GRID_4x4, { type: 'flip', direction: 'both' })
    )
  })

  it('zooms out by 0.5 to the half-size image centred in zeros', () => {
    // An 8×8 image of 2×2 constant blocks; block (i, j) has value 1 + 4i + j.
    const blocks = GRID_4x4
    const image = Array.from({ length: 8 }, (_, y) =>
      Array.from({ length: 8 }, (_, x) => blocks[y >> 1]![x >> 1]!)
    )
    const expected = Array.from({ length: 8 }, (_, y) =>
      Array.from({ length: 8 }, (_, x) => (y >= 2 && y < 6 && x >= 2 && x < 6 ? blocks[y - 2]![x - 2]! : 0))
    )
    expect(runOp(image, { type: 'scale', factor: [0.5, 0.5] })).toEqual(expected)
  })

  it('zooms in by 2 to the centre, every input pixel covering 2×2 outputs at the pixel centres', () => {
    const out = runOp(GRID_4x4, { type: 'scale', factor: [2, 2] })
    // Output pixel (1, 1) samples input (1.25, 1.25) between 6, 7, 10 and 11; (2, 2) samples (1.75, 1.75).
    expect(out[1]![1]).toBeCloseTo(6 + 0.25 * 1 + 0.25 * 4, 5)
    expect(out[2]![2]).toBeCloseTo(6 + 0.75 * 1 + 0.75 * 4, 5)
    // Zooming in never reaches past the image, so nothing is filled.
    expect(out[0]![0]).toBeCloseTo(1 + 0.75 * 1 + 0.75 * 4, 5)
  })

  it('applies geometric ops in spec order as one resampling', () => {
    const flipThenShift = tf.tidy(() =>
      augmentBatch(
        gridTensor(GRID_3x4),
        [{ index: 0 }],
        {
          ops: [
            { type: 'flip', direction: 'horizontal' },
            { type: 'shift', x: [1, 1], y: [0, 0] }
          ]
        },
        { seed: 1, epoch: 0 }
      ).arraySync()
    )
    const shiftThenFlip = tf.tidy(() =>
      augmentBatch(
        gridTensor(GRID_3x4),
        [{ index: 0 }],
        {
          ops: [
            { type: 'shift', x: [1, 1], y: [0, 0] },
            { type: 'flip', direction: 'horizontal' }
          ]
        },
        { seed: 1, epoch: 0 }
      ).arraySync()
    )
    expect(flipThenShift[0]![0]!.map((p) => p[0]! * SCALE)).toEqual([0, 4, 3, 2])
    expect(shiftThenFlip[0]![0]!.map((p) => p[0]! * SCALE)).toEqual([3, 2, 1, 0])
  })

  it('moves every sample of a batch with its own transform (not just the first)', () => {
    const batch = tf.tidy(() => tf.concat([gridTensor(GRID_3x4), gridTensor(GRID_3x4), gridTensor(GRID_3x4)]))
    const spec = {
      ops: [{ type: 'shift' as const, x: [-1, 1] as [number, number], y: [0, 0] as [number, number] }]
    }
    const out = tf.tidy(() =>
      augmentBatch(batch, [{ index: 0 }, { index: 1 }, { index: 2 }], spec, { seed: 3, epoch: 0 }).arraySync()
    )
    batch.dispose()
    for (const sample of out) {
      // Each sample keeps most of its content (a fill-only image would sum to 0).
      const total = sample.flat(2).reduce((a, b) => a + b, 0) * SCALE
      expect(total).toBeGreaterThan(30)
    }
  })
})
