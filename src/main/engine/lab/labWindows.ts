import * as tf from '@tensorflow/tfjs'
import {
  planWindow,
  type ConvRequest,
  type Matrix,
  type PoolRequest,
  type WindowAnswer,
  type WindowPlan
} from '../../../shared/lab'
import { WorkbenchError } from '../../../shared/workbenchError'

/**
 * The Lab's convolution and pooling of small matrices, computed with the ops a CNN layer uses (tf.pad,
 * tf.conv2d, tf.maxPool, tf.avgPool), plus what the step-through draws: every window's position and the
 * numbers it combines.
 */

/** float32 results shown as a person writes them: 0.3 rather than 0.30000001192092896. */
export function tidyNumber(value: number): number {
  return Number(Math.fround(value).toPrecision(7))
}

const tidyMatrix = (m: number[][]): Matrix => m.map((row) => row.map(tidyNumber))

function plan(request: Parameters<typeof planWindow>[0]): WindowPlan {
  const result = planWindow(request)
  if (!result.ok) throw new WorkbenchError('bad-input', result.error)
  return result.plan
}

const asImage = (m: Matrix): tf.Tensor4D => tf.tensor4d(m.flat(), [1, m.length, m[0]?.length ?? 0, 1])

/** [h, w] of a 4-D NHWC tensor's first image and channel, as rows. */
const rowsOf = (t: tf.Tensor): number[][] => t.squeeze([0, 3]).arraySync() as number[][]

/**
 * Cross-correlation (what CNN layers compute) or convolution (the kernel flipped first, as
 * scipy.signal.convolve2d) with explicit zero padding and a stride.
 */
export function labConvolution(request: ConvRequest): WindowAnswer {
  const { input, stride, mode } = request
  const kh = request.kernel.length
  const kw = request.kernel[0]?.length ?? 0
  const { pads, outHeight, outWidth, formula } = plan({
    inHeight: input.length,
    inWidth: input[0]?.length ?? 0,
    windowHeight: kh,
    windowWidth: kw,
    stride,
    padding: request.padding,
    // scipy's convolve2d centres its flipped kernel so that the odd extra zero of 'same' comes first.
    oddExtra: mode === 'convolve' ? 'before' : 'after',
    windowName: 'kernel'
  })
  // tidy returns tensors only, so the arrays read inside it are handed out through this.
  const read = {
    out: [] as number[][],
    padded: [] as number[][],
    kernel: [] as number[][],
    products: [] as number[][][][]
  }
  tf.tidy(() => {
    let kernel = tf.tensor4d(request.kernel.flat(), [kh, kw, 1, 1])
    if (mode === 'convolve') kernel = tf.reverse(kernel, [0, 1])
    const padded = tf.pad(asImage(input), [
      [0, 0],
      [pads.top, pads.bottom],
      [pads.left, pads.right],
      [0, 0]
    ])
    read.out = rowsOf(tf.conv2d(padded, kernel, stride, 'valid'))
    read.padded = rowsOf(padded)
    read.kernel = kernel.reshape([kh, kw]).arraySync() as number[][]
    // products[r][c][i][j] = padded[r·S + i][c·S + j] · kernel[i][j]: one strided slice per kernel cell.
    const span = (n: number): number => (n - 1) * stride + 1
    const slices: tf.Tensor[] = []
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const part = tf.stridedSlice(
          padded,
          [0, i, j, 0],
          [1, i + span(outHeight), j + span(outWidth), 1],
          [1, stride, stride, 1]
        )
        slices.push(part.reshape([outHeight, outWidth]).mul(read.kernel[i]![j]!))
      }
    }
    read.products = tf.stack(slices, 2).reshape([outHeight, outWidth, kh, kw]).arraySync() as number[][][][]
  })
  const cells = read.out.flatMap((row, r) =>
    row.map((result, c) => ({
      row: r,
      col: c,
      top: r * stride,
      left: c * stride,
      values: tidyMatrix(read.products[r]![c]!),
      result: tidyNumber(result)
    }))
  )
  return {
    output: tidyMatrix(read.out),
    shape: [outHeight, outWidth],
    formula,
    padded: tidyMatrix(read.padded),
    pads,
    kernel: tidyMatrix(read.kernel),
    cells
  }
}

/** Max or average pooling as a Keras layer does it: 'same' pads, and the padding never counts. */
export function labPooling(request: PoolRequest): WindowAnswer {
  const { input, size, op, padding } = request
  const stride = request.stride ?? size
  const height = input.length
  const width = input[0]?.length ?? 0
  const { pads, outHeight, outWidth, formula } = plan({
    inHeight: height,
    inWidth: width,
    windowHeight: size,
    windowWidth: size,
    stride,
    padding,
    oddExtra: 'after',
    windowName: 'pooling window'
  })
  const out = tf.tidy(() => {
    const x = asImage(input)
    const pooled = op === 'max' ? tf.maxPool(x, size, stride, padding) : tf.avgPool(x, size, stride, padding)
    return rowsOf(pooled)
  })
  const padded = Array.from({ length: height + pads.top + pads.bottom }, (_, r) =>
    Array.from(
      { length: width + pads.left + pads.right },
      (_, c) => input[r - pads.top]?.[c - pads.left] ?? null
    )
  )
  const cells = out.flatMap((row, r) =>
    row.map((result, c) => {
      const top = r * stride
      const left = c * stride
      const values = Array.from({ length: size }, (_, i) =>
        Array.from({ length: size }, (_, j) => padded[top + i]?.[left + j] ?? null)
      )
      return { row: r, col: c, top, left, values, result: tidyNumber(result) }
    })
  )
  return {
    output: tidyMatrix(out),
    shape: [outHeight, outWidth],
    formula,
    padded,
    pads,
    kernel: null,
    cells
  }
}
