import * as tf from '@tensorflow/tfjs'
import { convInfo, WasmScratch } from './wasmKernelCalls'

/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it (tfjs 4.22), so training
 * any conv layer on wasm fails with "kernel not registered".
 *
 * dW[fh,fw,ci,co] = Σ_n,y,x  xPadded[n, y·s + fh, x·s + fw, ci] · dy[n, y, x, co]
 * is itself a convolution once batch and channels swap roles: the input becomes
 * [Ci, H, W, N] (batch as channels), dy becomes a [Ho, Wo, N, Co] filter, and the forward stride
 * becomes the dilation. The result [Ci, fh', fw', Co] is at least the filter size (strides that
 * do not divide the padded size leave extra rows), so it is cropped and put back in filter order.
 * Every step is one of the backend's XNNPACK-backed kernels.
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: tf.NamedTensorInfoMap
  backend: tf.KernelBackend
  attrs?: tf.NamedAttrMap
}): tf.TensorInfo {
  const { x, dy } = args.inputs
  if (x === undefined || dy === undefined) {
    throw new Error('Conv2DBackpropFilter needs the inputs x and dy.')
  }
  const attrs = (args.attrs ?? {}) as unknown as tf.Conv2DBackpropFilterAttrs
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(
      "The wasm backend computes convolutions in 'NHWC' only; NCHW layers cannot be trained on it."
    )
  }
  const info = convInfo(x.shape, attrs.filterShape, attrs)
  const { filterHeight, filterWidth, inChannels, outChannels, strideHeight, strideWidth, padInfo } = info

  const scratch = new WasmScratch(args.backend)
  try {
    const padded = scratch.pad(x, [
      [0, 0],
      [padInfo.top, padInfo.bottom],
      [padInfo.left, padInfo.right],
      [0, 0]
    ])
    const input = scratch.transpose(padded, [3, 1, 2, 0])
    const filter = scratch.transpose(dy, [1, 2, 0, 3])
    const full = scratch.run('Conv2D', { x: input, filter }, {
      strides: [1, 1],
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations: [strideHeight, strideWidth],
      dimRoundingMode: undefined
    } as unknown as tf.NamedAttrMap)
    const cropped = scratch.slice(full, [0, 0, 0, 0], [inChannels, filterHeight, filterWidth, outChannels])
    return scratch.finish(scratch.transpose(cropped, [1, 2, 0, 3]))
  } catch (err) {
    scratch.releaseAll()
    throw err
  }
}

export const conv2DBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm as tf.KernelConfig['kernelFunc']
}
