import * as tf from '@tensorflow/tfjs'
import { opRandom, STREAM_PIXELS, type DrawnOp, type DrawnParams } from '../../../shared/augment'
import { fillGaussian, fillSaltPepper } from './pixelNoise'

export type PixelOpType = 'saltPepper' | 'gaussianNoise' | 'brightness' | 'contrast'
type Drawn<K extends PixelOpType> = Extract<DrawnOp, { type: K }>

/** The drawn op at `position` for each sample, or undefined where it was not applied. */
function drawnAt<K extends PixelOpType>(params: readonly DrawnParams[], position: number, type: K) {
  return params.map(
    (p) => p.ops.find((op) => op.opPosition === position && op.type === type) as Drawn<K> | undefined
  )
}

/** One number per sample as a [n, 1, 1, 1] tensor that broadcasts over the image. */
function perSample(values: readonly number[]): tf.Tensor4D {
  return tf.tensor4d([...values], [values.length, 1, 1, 1])
}

function saltPepper(x: tf.Tensor4D, params: readonly DrawnParams[], position: number): tf.Tensor4D {
  const [n, h, w] = x.shape
  const pixels = h * w
  const keep = new Float32Array(n * pixels).fill(1)
  const salt = new Float32Array(n * pixels)
  drawnAt(params, position, 'saltPepper').forEach((op, i) => {
    const sample = params[i]
    if (op && sample)
      fillSaltPepper(keep, salt, i * pixels, pixels, op.amount, opRandom(sample, position, STREAM_PIXELS))
  })
  // One draw per pixel, shared by all its channels: [n, h, w, 1] broadcasts over channels.
  return x.mul(tf.tensor4d(keep, [n, h, w, 1])).add(tf.tensor4d(salt, [n, h, w, 1]))
}

function gaussianNoise(x: tf.Tensor4D, params: readonly DrawnParams[], position: number): tf.Tensor4D {
  const size = x.size / x.shape[0]
  const noise = new Float32Array(x.size)
  drawnAt(params, position, 'gaussianNoise').forEach((op, i) => {
    const sample = params[i]
    if (op && sample) fillGaussian(noise, i * size, size, op.sigma, opRandom(sample, position, STREAM_PIXELS))
  })
  return x.add(tf.tensor4d(noise, x.shape)).clipByValue(0, 1) as tf.Tensor4D
}

function brightness(x: tf.Tensor4D, params: readonly DrawnParams[], position: number): tf.Tensor4D {
  const deltas = drawnAt(params, position, 'brightness').map((op) => op?.delta ?? 0)
  return x.add(perSample(deltas)).clipByValue(0, 1) as tf.Tensor4D
}

function contrast(x: tf.Tensor4D, params: readonly DrawnParams[], position: number): tf.Tensor4D {
  const factors = drawnAt(params, position, 'contrast').map((op) => op?.factor ?? 1)
  const mean = x.mean([1, 2], true)
  // (x − m)·f + m written as x·f + m·(1 − f): a sample without the op (f = 1) gets x·1 + m·0, exactly x.
  const offset = mean.mul(perSample(factors.map((f) => 1 - f)))
  return x.mul(perSample(factors)).add(offset).clipByValue(0, 1) as tf.Tensor4D
}

const PIXEL_OPS: Record<
  PixelOpType,
  (x: tf.Tensor4D, params: readonly DrawnParams[], position: number) => tf.Tensor4D
> = { saltPepper, gaussianNoise, brightness, contrast }

/** Applies the pixel op at `position` to the samples that drew it; the others pass unchanged. Inside tidy. */
export function applyPixelOp(
  x: tf.Tensor4D,
  type: PixelOpType,
  position: number,
  params: readonly DrawnParams[]
): tf.Tensor4D {
  const anyApplied = params.some((p) => p.ops.some((op) => op.opPosition === position))
  return anyApplied ? PIXEL_OPS[type](x, params, position) : x
}
