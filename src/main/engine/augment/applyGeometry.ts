import * as tf from '@tensorflow/tfjs'
import { IDENTITY_TRANSFORM, type ResolvedFill } from '../../../shared/augment'
import { resampleInJs } from './resampleInJs'

const TF_FILL_MODE = { constant: 'constant', edge: 'nearest', reflect: 'reflect' } as const

/**
 * Resamples every sample of the batch once with its own composed transform (output → input coordinates,
 * see sampleTransform), bilinear. `transforms[i]` null means the sample is not moved and is passed through
 * untouched. Call inside tf.tidy.
 */
export function applyGeometry(
  images: tf.Tensor4D,
  transforms: readonly (readonly number[] | null)[],
  fill: ResolvedFill
): tf.Tensor4D {
  if (transforms.every((t) => t === null)) return images
  const fillMode = TF_FILL_MODE[fill.mode]
  const rows = transforms.map((t) => [...(t ?? IDENTITY_TRANSFORM)])

  // tfjs 4.22's wasm Transform kernel mirrors the wrong pixels on the left and top (see resampleInJs).
  if (fillMode === 'reflect' && tf.getBackend() === 'wasm')
    return resampleInJs(images, rows, fillMode, fill.value)

  // tfjs 4.22's CPU Transform kernel returns after the first image of a batch and leaves the others filled
  // with the fill value, so on that backend each moved sample is resampled on its own.
  if (tf.getBackend() === 'cpu' && images.shape[0] > 1) {
    const [, height, width, channels] = images.shape
    const parts = transforms.map((t, i) => {
      const sample = tf.slice(images, [i, 0, 0, 0], [1, height, width, channels])
      if (!t) return sample
      return tf.image.transform(sample, tf.tensor2d([[...t]]), 'bilinear', fillMode, fill.value)
    })
    return tf.concat(parts, 0)
  }

  return tf.image.transform(images, tf.tensor2d(rows), 'bilinear', fillMode, fill.value)
}
