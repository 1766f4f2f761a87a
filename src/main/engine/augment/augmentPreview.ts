import * as tf from '@tensorflow/tfjs'
import { describeParams, specExpands, type AugmentSpec, type DrawnParams } from '../../../shared/augment'
import { augmentBatchWithParams } from './augmentBatch'
import { batchToPixels, pixelsToBatch } from './pixelBatch'

export interface AugmentPreviewRequest {
  /** uint8 HWC images, or a float32 [n, h, w, c] batch in [0, 1] (not disposed here). */
  images: readonly Uint8Array[] | tf.Tensor4D
  height: number
  width: number
  channels: number
  /** The dataset index of each image (its training key); default 0, 1, 2, … */
  indexes?: readonly number[]
  variants: number
  spec: AugmentSpec
  seed: number
  /** The epoch of variant 0; default 0. */
  epoch?: number
}

export interface AugmentPreviewVariant {
  /** Position of the source image in `images`. */
  sourceIndex: number
  variant: number
  /** The training key this variant was drawn with. */
  index: number
  epoch: number
  /** uint8 HWC: the source's shape, or `height` × `width` when rotate's expand grew it. */
  pixels: Uint8Array
  height: number
  width: number
  params: DrawnParams
  label: string
}

export interface AugmentPreviewResult {
  originals: Uint8Array[]
  variants: AugmentPreviewVariant[]
}

/**
 * Variants of a few images for the Augment view and the CLI. Variant v of image i is exactly what training
 * feeds for the sample with key `indexes[i]` at epoch `epoch + v`: it runs the same augmentBatch on a batch
 * built the same way (pixelsToBatch), so what the user sees is what the network is trained on.
 */
export function augmentPreview(request: AugmentPreviewRequest): AugmentPreviewResult {
  const { height, width, channels, spec, seed } = request
  const firstEpoch = request.epoch ?? 0
  if (!Number.isInteger(request.variants) || request.variants < 0) {
    throw new Error(`variants must be a whole number ≥ 0, got ${request.variants}`)
  }
  const ownsBatch = !(request.images instanceof tf.Tensor)
  const batch =
    request.images instanceof tf.Tensor
      ? request.images
      : pixelsToBatch(request.images, { height, width, channels })
  try {
    const [n, h, w, c] = batch.shape
    if (h !== height || w !== width || c !== channels) {
      throw new Error(
        `the images are ${h}×${w}×${c} but the preview was asked for ${height}×${width}×${channels}`
      )
    }
    const indexes = request.indexes ?? Array.from({ length: n }, (_, i) => i)
    if (indexes.length !== n) throw new Error(`got ${indexes.length} indexes for ${n} images`)
    const keys = indexes.map((index) => ({ index }))
    const originals = batchToPixels(batch)
    const variants: AugmentPreviewVariant[] = []
    // With expand every variant may get its own size, so each image is augmented on its own.
    const groups = specExpands(spec) ? indexes.map((_, i) => [i]) : [indexes.map((_, i) => i)]
    for (let v = 0; v < request.variants; v++) {
      const epoch = firstEpoch + v
      for (const members of groups) {
        const part = groups.length === 1 ? batch : tf.slice(batch, [members[0] ?? 0, 0, 0, 0], [1, h, w, c])
        const { batch: augmented, params } = augmentBatchWithParams(
          part,
          members.map((i) => keys[i]!),
          spec,
          { seed, epoch }
        )
        if (part !== batch) part.dispose()
        const [, outHeight, outWidth] = augmented.shape
        const pixels = batchToPixels(augmented)
        augmented.dispose()
        pixels.forEach((image, k) => {
          const i = members[k] ?? k
          const drawn = params[k]
          if (!drawn) return
          variants.push({
            sourceIndex: i,
            variant: v,
            index: indexes[i] ?? i,
            epoch,
            pixels: image,
            height: outHeight,
            width: outWidth,
            params: drawn,
            label: describeParams(drawn)
          })
        })
      }
    }
    variants.sort((a, b) => a.sourceIndex - b.sourceIndex || a.variant - b.variant)
    return { originals, variants }
  } finally {
    if (ownsBatch) batch.dispose()
  }
}
