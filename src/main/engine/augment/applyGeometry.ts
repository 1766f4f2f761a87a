import * as tf from '@tensorflow/tfjs'
import { IDENTITY_TRANSFORM, type Interpolation, type ResolvedFill } from '../../../shared/augment'
import { resampleInJs } from './resampleInJs'

const TF_FILL_MODE = { constant: 'constant', edge: 'nearest', reflect: 'reflect' } as const

/** How the batch is resampled: the fill, the interpolation, and the output size when it differs (expand). */
export interface GeometryOptions {
  fill: ResolvedFill
  interpolation: Interpolation
  /** [height, width] of the output; default the input's. */
  outputSize?: [number, number]
}

/**
 * Resamples every sample of the batch once with its own composed transform (output → input coordinates,
 * see sampleTransform). `transforms[i]` null means the sample is not moved and is passed through
 * untouched (only possible at the input's size). Call inside tf.tidy.
 *
 * Bicubic runs in JavaScript on every backend (tf.image.transform has nearest and bilinear only), in
 * training as in the preview, so what the preview shows is what the network gets.
 */
export function applyGeometry(
  images: tf.Tensor4D,
  transforms: readonly (readonly number[] | null)[],
  options: GeometryOptions
): tf.Tensor4D {
  const { fill, interpolation } = options
  const [, height, width, channels] = images.shape
  const [outHeight, outWidth] = options.outputSize ?? [height, width]
  const sameSize = outHeight === height && outWidth === width
  if (sameSize && transforms.every((t) => t === null)) return images
  const fillMode = TF_FILL_MODE[fill.mode]
  const rows = transforms.map((t) => [...(t ?? IDENTITY_TRANSFORM)])

  // tfjs 4.22's wasm Transform kernel mirrors the wrong pixels on the left and top (see resampleInJs).
  if (interpolation === 'bicubic' || (fillMode === 'reflect' && tf.getBackend() === 'wasm'))
    return resampleInJs(images, rows, fillMode, fill.value, { interpolation, outHeight, outWidth })

  const outputShape: [number, number] = [outHeight, outWidth]
  // tfjs 4.22's CPU Transform kernel returns after the first image of a batch and leaves the others filled
  // with the fill value, so on that backend each moved sample is resampled on its own.
  if (tf.getBackend() === 'cpu' && images.shape[0] > 1) {
    const parts = transforms.map((t, i) => {
      const sample = tf.slice(images, [i, 0, 0, 0], [1, height, width, channels])
      if (!t && sameSize) return sample
      return tf.image.transform(
        sample,
        tf.tensor2d([rows[i]!]),
        'bilinear',
        fillMode,
        fill.value,
        outputShape
      )
    })
    return tf.concat(parts, 0)
  }

  return tf.image.transform(images, tf.tensor2d(rows), 'bilinear', fillMode, fill.value, outputShape)
}
