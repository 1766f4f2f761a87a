import * as tf from '@tensorflow/tfjs'
import {
  drawParams,
  isGeometricOp,
  isOpEnabled,
  resolveFill,
  resolveInterpolation,
  sampleGeometry,
  type AugmentSpec,
  type DrawnParams
} from '../../../shared/augment'
import { applyGeometry } from './applyGeometry'
import { applyPixelOp } from './applyPixelOp'

/** Identifies a sample across epochs: its index in the dataset (or split). */
export interface AugmentKey {
  index: number
}

export interface AugmentRun {
  seed: number
  epoch: number
}

/** The parameters drawn for each sample of a batch (what the preview labels show). */
export function drawBatchParams(
  spec: AugmentSpec,
  keys: readonly AugmentKey[],
  run: AugmentRun,
  height: number,
  width: number
): DrawnParams[] {
  return keys.map((key) =>
    drawParams(spec, { seed: run.seed, index: key.index, epoch: run.epoch, height, width })
  )
}

/**
 * Augments a batch and also returns what was drawn per sample.
 *
 * Order: all geometric ops of a sample (flip, rotate, shift, scale, in spec order) are composed into ONE
 * transform and resampled once, so the picture is blurred by interpolation only once; then the pixel ops
 * (salt and pepper, noise, brightness, contrast) follow in spec order. Sample i depends only on its own
 * pixels and (seed, keys[i].index, epoch), never on the rest of the batch.
 *
 * A rotate with `expand` grows the output by an amount that depends on the angle drawn, so such a spec
 * takes one image at a time (the preview and `cnn-workbench augment` do that; training refuses it).
 */
export function augmentBatchWithParams(
  images: tf.Tensor4D,
  keys: readonly AugmentKey[],
  spec: AugmentSpec,
  run: AugmentRun
): { batch: tf.Tensor4D; params: DrawnParams[] } {
  const [n, height, width] = images.shape
  if (keys.length !== n) {
    throw new Error(
      `augmentation needs one key per image: got ${keys.length} keys for a batch of ${n} images`
    )
  }
  if (images.dtype !== 'float32') {
    throw new Error(`augmentation expects float32 pixels in [0, 1], got a ${images.dtype} tensor`)
  }
  const params = drawBatchParams(spec, keys, run, height, width)
  const batch = tf.tidy(() => {
    const geometry = params.map((p) => sampleGeometry(p.ops, height, width))
    const first = geometry[0] ?? { height, width }
    if (geometry.some((g) => g.height !== first.height || g.width !== first.width))
      throw new Error(
        "rotate's expand gives these images different sizes, which one batch cannot hold; augment them one at a time"
      )
    let x = applyGeometry(
      images,
      geometry.map((g) => g.transform),
      {
        fill: resolveFill(spec),
        interpolation: resolveInterpolation(spec),
        outputSize: [first.height, first.width]
      }
    )
    spec.ops.forEach((op, position) => {
      if (!isOpEnabled(op) || isGeometricOp(op)) return
      x = applyPixelOp(x, op.type, position, params)
    })
    // A clone shares the data, so the caller may dispose input and output independently.
    return x === images ? images.clone() : x
  })
  return { batch, params }
}

/** What training calls per batch: a new tensor (the caller disposes it); leaves no other tensor behind. */
export function augmentBatch(
  images: tf.Tensor4D,
  keys: readonly AugmentKey[],
  spec: AugmentSpec,
  run: AugmentRun
): tf.Tensor4D {
  return augmentBatchWithParams(images, keys, spec, run).batch
}
