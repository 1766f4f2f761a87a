import * as tf from '@tensorflow/tfjs'
import { planWindow, type Matrix } from '../../../shared/lab'
import { WorkbenchError } from '../../../shared/workbenchError'
import type { LabImage } from './labImage'
import { unitFloats } from './labImage'

/** A float map: values row by row and the figures its title shows. */
export interface FloatResult {
  shape: [number, number]
  min: number
  max: number
  /** Summed in double precision over the float32 values. */
  sum: number
  values: Float32Array
}

function figures(values: Float32Array, shape: [number, number]): FloatResult {
  let min = Infinity
  let max = -Infinity
  let sum = 0
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
    sum += v
  }
  return { shape, min, max, sum, values }
}

/** A one-channel picture as a [1, h, w, 1] tensor in [0, 1]. */
function greyTensor(image: LabImage): tf.Tensor4D {
  if (image.channels !== 1) throw new Error('the Lab filters greyscale pictures')
  return tf.tensor4d(unitFloats(image.pixels), [1, image.height, image.width, 1])
}

/**
 * A kernel over the greyscale picture (x/255 in [0, 1]) as scipy.signal.convolve2d computes it: the kernel
 * flipped, then slid with tf.conv2d; 'same' pads with zeros so the output keeps the picture's size.
 */
export function filterImage(image: LabImage, kernel: Matrix, mode: 'valid' | 'same'): FloatResult {
  const kh = kernel.length
  const kw = kernel[0]?.length ?? 0
  const planned = planWindow({
    inHeight: image.height,
    inWidth: image.width,
    windowHeight: kh,
    windowWidth: kw,
    stride: 1,
    padding: mode,
    oddExtra: 'before',
    windowName: 'kernel'
  })
  if (!planned.ok) throw new WorkbenchError('bad-input', planned.error)
  const { pads, outHeight, outWidth } = planned.plan
  const values = tf.tidy(() => {
    const flipped = tf.reverse(tf.tensor4d(kernel.flat(), [kh, kw, 1, 1]), [0, 1])
    const padded = tf.pad(greyTensor(image), [
      [0, 0],
      [pads.top, pads.bottom],
      [pads.left, pads.right],
      [0, 0]
    ])
    return tf.conv2d(padded, flipped, 1, 'valid')
  })
  const data = values.dataSync() as Float32Array
  values.dispose()
  return figures(data, [outHeight, outWidth])
}

/**
 * The picture pooled 2×2 `times` times in a row, as skimage.measure.block_reduce does it: an odd edge is
 * padded with a zero row or column (at the bottom/right) so the partial window is kept, and average
 * pooling counts those zeros. Stage 0 is the picture itself.
 */
export function poolChain(image: LabImage, times: number, op: 'max' | 'avg'): FloatResult[] {
  const stages: FloatResult[] = []
  let x = greyTensor(image)
  const keep = (t: tf.Tensor4D): void => {
    stages.push(figures(t.dataSync() as Float32Array, [t.shape[1], t.shape[2]]))
  }
  keep(x)
  for (let k = 0; k < times; k++) {
    const next = tf.tidy(() => {
      const [, h, w] = x.shape
      const padded = tf.pad(x, [
        [0, 0],
        [0, h % 2],
        [0, w % 2],
        [0, 0]
      ])
      return op === 'max' ? tf.maxPool(padded, 2, 2, 'valid') : tf.avgPool(padded, 2, 2, 'valid')
    })
    x.dispose()
    x = next
    keep(x)
  }
  x.dispose()
  return stages
}

/** A float map for the contract: its values as base64 float32. */
export function floatMapWire(result: FloatResult): {
  shape: [number, number]
  min: number
  max: number
  sum: number
  values: string
} {
  const { values, ...rest } = result
  return {
    ...rest,
    values: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
  }
}
