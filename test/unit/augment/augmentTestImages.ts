import * as tf from '@tensorflow/tfjs'
import type { AugmentOp } from '../../../src/shared/augment'
import { augmentBatch } from '../../../src/main/engine/augment'

/** Small known images for pinning the semantics: integer grids scaled by 1/16 (exact in float32). */
export const SCALE = 16

export function gridTensor(rows: number[][]): tf.Tensor4D {
  const h = rows.length
  const w = rows[0]?.length ?? 0
  return tf.tensor4d(
    rows.flat().map((v) => v / SCALE),
    [1, h, w, 1]
  )
}

/** Runs one op (probability 1) on a single-channel grid and returns the grid of integers (×16). */
export function runOp(rows: number[][], op: AugmentOp, seed = 1): number[][] {
  return tf.tidy(() => {
    const out = augmentBatch(gridTensor(rows), [{ index: 0 }], { ops: [op] }, { seed, epoch: 0 })
    const [, h, w] = out.shape
    const values = out.dataSync()
    return Array.from({ length: h }, (_, y) =>
      Array.from({ length: w }, (_, x) => (values[y * w + x] ?? NaN) * SCALE)
    )
  })
}

/** The 3×4 grid 1..12 (non-square, so swapped axes show up). */
export const GRID_3x4 = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12]
]

export const GRID_4x4 = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16]
]

/** Backends the engine trains on here: cpu (tfjs' reference) and wasm (batched Transform kernel). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm')
  const ok = await tf.setBackend(name)
  if (!ok) throw new Error(`tfjs backend ${name} did not initialise`)
  await tf.ready()
}

/** Deterministic test pixels in [0, 1] (a fixed LCG, not the code under test). */
export function testPixels(count: number, salt: number): Float32Array {
  const out = new Float32Array(count)
  let s = (salt * 2654435761) >>> 0
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    out[i] = (s >>> 8) / 16777216
  }
  return out
}
