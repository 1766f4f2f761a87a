import * as tf from '@tensorflow/tfjs'
import { convInfo, WasmScratch, type KernelFunc } from './wasmKernelCalls'

/**
 * Conv2DBackpropInput for the wasm backend as a forward convolution, so it runs on XNNPACK
 * instead of the stock kernel's scalar loops (about 9× slower for a 5×5×32→64 layer).
 *
 * dx is the "full" convolution of dy with the filter rotated by 180° and its in/out channels
 * swapped: W[fh,fw,Ci,Co] → W'[fh,fw,Co,Ci] = W[fh-1-i, fw-1-j, ci, co]. For stride s, dy is first
 * dilated (s-1 zeros between samples), which is a reshape to [N,Ho,1,Wo,1,Co], a zero pad of
 * the unit axes to s, and a reshape back; the zeros that trail the last sample are cut again
 * by the convolution's own padding. Layouts or paddings outside that scheme use the stock kernel.
 */

interface Plan {
  top: number
  bottom: number
  left: number
  right: number
}

function planPadding(info: tf.backend_util.Conv2DInfo): Plan | null {
  const {
    inHeight,
    inWidth,
    outHeight,
    outWidth,
    filterHeight,
    filterWidth,
    strideHeight,
    strideWidth,
    padInfo
  } = info
  // Rows after the last dilated dy sample (dilated length Ho·s, last sample at (Ho-1)·s).
  const plan: Plan = {
    top: filterHeight - 1 - padInfo.top,
    left: filterWidth - 1 - padInfo.left,
    bottom: inHeight + padInfo.top - outHeight * strideHeight,
    right: inWidth + padInfo.left - outWidth * strideWidth
  }
  const trailingRows = strideHeight - 1
  const trailingCols = strideWidth - 1
  const ok = plan.top >= 0 && plan.left >= 0 && plan.bottom >= -trailingRows && plan.right >= -trailingCols
  return ok ? plan : null
}

export function makeConv2DBackpropInputWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs
    if (dy === undefined || filter === undefined)
      throw new Error('Conv2DBackpropInput needs the inputs dy and filter.')
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs
    if (attrs.dataFormat === 'NCHW') return original(args)
    const info = convInfo(attrs.inputShape, filter.shape, attrs)
    const plan = planPadding(info)
    if (plan === null) return original(args)
    const { batchSize, outHeight, outWidth, outChannels, strideHeight, strideWidth } = info

    const scratch = new WasmScratch(args.backend)
    try {
      let input = dy
      if (strideHeight > 1 || strideWidth > 1) {
        const spread = scratch.reshape(dy, [batchSize, outHeight, 1, outWidth, 1, outChannels])
        const padded = scratch.pad(spread, [
          [0, 0],
          [0, 0],
          [0, strideHeight - 1],
          [0, 0],
          [0, strideWidth - 1],
          [0, 0]
        ])
        const dilated = scratch.reshape(padded, [
          batchSize,
          outHeight * strideHeight,
          outWidth * strideWidth,
          outChannels
        ])
        // Trailing zeros the padding plan cannot absorb (negative bottom/right) are cut here.
        input = scratch.slice(
          dilated,
          [0, 0, 0, 0],
          [
            batchSize,
            outHeight * strideHeight + Math.min(0, plan.bottom),
            outWidth * strideWidth + Math.min(0, plan.right),
            outChannels
          ]
        )
      }
      const flipped = scratch.run('Reverse', { x: filter }, { dims: [0, 1] })
      const swapped = scratch.transpose(flipped, [0, 1, 3, 2])
      const pad = [
        [0, 0],
        [plan.top, Math.max(0, plan.bottom)],
        [plan.left, Math.max(0, plan.right)],
        [0, 0]
      ]
      const dx = scratch.run('Conv2D', { x: input, filter: swapped }, {
        strides: [1, 1],
        pad,
        dataFormat: 'NHWC',
        dilations: [1, 1]
      } as unknown as tf.NamedAttrMap)
      return scratch.finish(dx)
    } catch (err) {
      scratch.releaseAll()
      throw err
    }
  }
}
