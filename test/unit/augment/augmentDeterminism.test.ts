import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { AugmentSpec } from '../../../src/shared/augment'
import { augmentBatch, augmentPreview, batchToPixels, pixelsToBatch } from '../../../src/main/engine/augment'
import { testPixels, useBackend } from './augmentTestImages'

// The spec from the public format description, every op at once.
const PUBLIC_EXAMPLE: AugmentSpec = {
  ops: [
    { type: 'flip', direction: 'horizontal' },
    { type: 'rotate', degrees: [-30, 30], fill: 'constant', fillValue: 0, probability: 0.5 },
    { type: 'shift', x: [-3, 3], y: [-3, 3], unit: 'px', fill: 'constant' },
    { type: 'scale', factor: [0.7, 1.0], fill: 'constant' },
    { type: 'saltPepper', amount: 0.05 },
    { type: 'gaussianNoise', sigma: 0.1 },
    { type: 'brightness', delta: [-0.2, 0.2] },
    { type: 'contrast', factor: [0.8, 1.2] }
  ]
}
const H = 12
const W = 10
const C = 3

function uint8Images(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) =>
    Uint8Array.from(testPixels(H * W * C, i + 1), (v) => Math.floor(v * 256))
  )
}

function augmentPixels(
  images: Uint8Array[],
  indexes: number[],
  spec: AugmentSpec,
  seed: number,
  epoch: number
) {
  return tf.tidy(() => {
    const batch = pixelsToBatch(images, { height: H, width: W, channels: C })
    return batchToPixels(
      augmentBatch(
        batch,
        indexes.map((index) => ({ index })),
        spec,
        { seed, epoch }
      )
    )
  })
}

describe.each(['cpu', 'wasm'] as const)('determinism on %s', (backend) => {
  const images = uint8Images(5)

  it('initialises the backend', async () => {
    await useBackend(backend)
    expect(tf.getBackend()).toBe(backend)
  })

  it('gives identical batches for the same seed and different ones for another seed or epoch', () => {
    const a = augmentPixels(images, [0, 1, 2, 3, 4], PUBLIC_EXAMPLE, 42, 3)
    const b = augmentPixels(images, [0, 1, 2, 3, 4], PUBLIC_EXAMPLE, 42, 3)
    expect(b).toEqual(a)
    expect(augmentPixels(images, [0, 1, 2, 3, 4], PUBLIC_EXAMPLE, 43, 3)[0]).not.toEqual(a[0])
    expect(augmentPixels(images, [0, 1, 2, 3, 4], PUBLIC_EXAMPLE, 42, 4)[0]).not.toEqual(a[0])
  })

  it('does not depend on the batch a sample lands in: only on (seed, index, epoch)', () => {
    const full = augmentPixels(images, [10, 11, 12, 13, 14], PUBLIC_EXAMPLE, 7, 2)
    const alone = augmentPixels([images[3]!], [13], PUBLIC_EXAMPLE, 7, 2)
    const reordered = augmentPixels([images[4]!, images[3]!], [14, 13], PUBLIC_EXAMPLE, 7, 2)
    expect(alone[0]).toEqual(full[3])
    expect(reordered[1]).toEqual(full[3])
    expect(reordered[0]).toEqual(full[4])
  })

  it('preview shows byte for byte what training gets for the same (seed, index, epoch)', () => {
    const preview = augmentPreview({
      images: images.slice(0, 3),
      height: H,
      width: W,
      channels: C,
      indexes: [100, 101, 102],
      variants: 3,
      spec: PUBLIC_EXAMPLE,
      seed: 9,
      epoch: 5
    })
    expect(preview.originals).toEqual(images.slice(0, 3))
    expect(preview.variants).toHaveLength(9)
    // Training at epoch 6 with a differently composed batch: image 2, image 0 and an unrelated one.
    const training = augmentPixels(
      [images[2]!, images[0]!, images[4]!],
      [102, 100, 999],
      PUBLIC_EXAMPLE,
      9,
      6
    )
    const variant = (source: number, v: number) =>
      preview.variants.find((p) => p.sourceIndex === source && p.variant === v)
    expect(variant(2, 1)?.epoch).toBe(6)
    expect(variant(2, 1)?.index).toBe(102)
    expect(Buffer.from(variant(2, 1)!.pixels).equals(Buffer.from(training[0]!))).toBe(true)
    expect(Buffer.from(variant(0, 1)!.pixels).equals(Buffer.from(training[1]!))).toBe(true)
  })

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors
    const batch = pixelsToBatch(images, { height: H, width: W, channels: C })
    const out = augmentBatch(
      batch,
      images.map((_, index) => ({ index })),
      PUBLIC_EXAMPLE,
      { seed: 1, epoch: 0 }
    )
    out.dispose()
    const none = augmentBatch(
      batch,
      images.map((_, index) => ({ index })),
      { ops: [] },
      { seed: 1, epoch: 0 }
    )
    none.dispose()
    batch.dispose()
    augmentPreview({ images, height: H, width: W, channels: C, variants: 2, spec: PUBLIC_EXAMPLE, seed: 1 })
    expect(tf.memory().numTensors).toBe(before)
  })
})
