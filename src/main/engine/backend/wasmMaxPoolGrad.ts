import * as tf from '@tensorflow/tfjs'
import { simdKernelsOf } from './simd/simdKernels'
import { wasmHeap } from './libraryInternals'
import type { KernelFunc } from './wasmKernelCalls'

/**
 * MaxPoolGrad for the wasm backend when windows do not overlap (filter = stride),
 * which is every 2×2/stride-2 pooling layer of a typical conv net.
 *
 * The stock kernel is a generic C++ loop that revisits every window for every input pixel; at
 * batch 128 of the lecture network it takes about 100 ms per step, more than any convolution
 * once those run on two threads. Compositions of the backend's own kernels do not help here:
 * its elementwise kernels with broadcasting, Sign, Equal and Slice cost several ns per element,
 * and picking the first maximum of each window needs about ten of them. With non-overlapping
 * windows one pass suffices: each window sends dy to its first strictly largest value in
 * row-major order, exactly as the reference (cpu) kernel does, so ties such as windows of ReLU
 * zeros receive dy once. The pass reads and writes the backend's heap in place, without copies.
 */

function hasDisjointWindows(info: tf.backend_util.Conv2DInfo): boolean {
  const { padInfo } = info
  return (
    info.dataFormat === 'channelsLast' &&
    info.filterHeight === info.strideHeight &&
    info.filterWidth === info.strideWidth &&
    info.dilationHeight === 1 &&
    info.dilationWidth === 1 &&
    padInfo.top >= 0 &&
    padInfo.left >= 0
  )
}

/** 2×2 windows with stride 2 tiling the input exactly: every dx value belongs to one window. */
function isPlainTwoByTwo(info: tf.backend_util.Conv2DInfo): boolean {
  const { padInfo } = info
  return (
    padInfo.top === 0 &&
    padInfo.left === 0 &&
    info.strideHeight === 2 &&
    info.strideWidth === 2 &&
    info.inHeight === 2 * info.outHeight &&
    info.inWidth === 2 * info.outWidth
  )
}

/** The common 2×2 case, unrolled: every dx value is written once, so no zero fill is needed. */
function scatterTwoByTwo(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo
): void {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info
  const rowStep = inWidth * c
  let g = 0
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++) {
        const top = ((b * inHeight + 2 * yR) * inWidth + 2 * yC) * c
        const bottom = top + rowStep
        for (let d = 0; d < c; d++, g++) {
          const i00 = top + d
          const i01 = i00 + c
          const i10 = bottom + d
          const i11 = i10 + c
          const v00 = x[i00] as number
          const v01 = x[i01] as number
          const v10 = x[i10] as number
          const v11 = x[i11] as number
          let best = Number.NEGATIVE_INFINITY
          let at = -1
          if (v00 > best) {
            best = v00
            at = 0
          }
          if (v01 > best) {
            best = v01
            at = 1
          }
          if (v10 > best) {
            best = v10
            at = 2
          }
          if (v11 > best) at = 3
          const grad = dy[g] as number
          dx[i00] = at === 0 ? grad : 0
          dx[i01] = at === 1 ? grad : 0
          dx[i10] = at === 2 ? grad : 0
          dx[i11] = at === 3 ? grad : 0
        }
      }
    }
  }
}

/**
 * Any disjoint window size and padding: windows are clipped to the input, and rows and columns
 * no window covers (valid pooling of odd sizes) get no gradient.
 */
function scatterToWindowMaxima(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo
): void {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth } = info
  const { strideHeight: sh, strideWidth: sw, padInfo } = info
  if (isPlainTwoByTwo(info)) {
    scatterTwoByTwo(x, dy, dx, info)
    return
  }
  dx.fill(0)
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++) {
        const dyBase = ((b * outHeight + yR) * outWidth + yC) * c
        const rowStart = Math.max(0, yR * sh - padInfo.top)
        const rowEnd = Math.min(inHeight, yR * sh - padInfo.top + sh)
        const colStart = Math.max(0, yC * sw - padInfo.left)
        const colEnd = Math.min(inWidth, yC * sw - padInfo.left + sw)
        for (let d = 0; d < c; d++) {
          let best = Number.NEGATIVE_INFINITY
          let at = -1
          for (let xR = rowStart; xR < rowEnd; xR++) {
            const rowBase = (b * inHeight + xR) * inWidth * c + d
            for (let xC = colStart; xC < colEnd; xC++) {
              const index = rowBase + xC * c
              const value = x[index] as number
              if (value > best) {
                best = value
                at = index
              }
            }
          }
          if (at >= 0) dx[at] = dy[dyBase + d] as number
        }
      }
    }
  }
}

export function makeMaxPoolGradWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, input } = args.inputs
    if (dy === undefined || input === undefined) {
      throw new Error('MaxPoolGrad needs the inputs dy and input.')
    }
    const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      attrs.filterSize,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode
    )
    if (!hasDisjointWindows(info) || input.dtype !== 'float32' || dy.dtype !== 'float32') {
      return original(args)
    }
    const backend = wasmHeap(args.backend)
    const dx = backend.makeOutput(input.shape, 'float32')
    // Views are taken after the allocation: growing the heap replaces its buffer.
    const [xs, dys, dxs] = [input, dy, dx].map((t) => backend.typedArrayFromHeap(t) as Float32Array) as [
      Float32Array,
      Float32Array,
      Float32Array
    ]
    // Four channels per instruction: 16 against 4 ms for the lecture network's first pooling layer.
    const simd = isPlainTwoByTwo(info) && info.inChannels % 4 === 0 ? simdKernelsOf(backend) : null
    if (simd === null) scatterToWindowMaxima(xs, dys, dxs, info)
    else {
      const rows = info.batchSize * info.outHeight
      simd.maxPoolGrad2x2(xs.byteOffset, dys.byteOffset, dxs.byteOffset, rows, info.outWidth, info.inChannels)
    }
    return dx
  }
}
