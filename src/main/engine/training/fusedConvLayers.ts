import * as tf from '@tensorflow/tfjs'
import { trainableFusedActivation } from '../backend/fusedConvGradient'
import { convLayerParts, replaceLayerCall } from '../backend/libraryInternals'

/**
 * Makes the model's 2-D convolutions with a bias and a ReLU run as one FusedConv2D kernel while they train,
 * as they already do in inference: tfjs-layers asks for the fused op, but tfjs-core splits it into
 * Conv2D, Add and Relu whenever gradients are recorded. Only where the backend can train through the
 * fused kernel (registerFusedConvGradient, on wasm with onnxruntime's kernels); elsewhere, tfjs-node
 * first of all, nothing changes. The layers' configs, and so every export and checkpoint, stay the same.
 * Returns how many layers were changed.
 */
export function fuseConvLayersForTraining(model: tf.LayersModel): number {
  if (!trainableFusedActivation('relu')) return 0
  let fused = 0
  for (const layer of model.layers) {
    const parts = convLayerParts(layer)
    if (
      parts === null ||
      parts.rank !== 2 ||
      parts.bias === null ||
      parts.activation !== 'relu' ||
      parts.dataFormat !== 'channelsLast' ||
      parts.dilationRate.some((d) => d !== 1) ||
      (parts.padding !== 'same' && parts.padding !== 'valid')
    )
      continue
    const { kernel, bias, strides, padding } = parts
    replaceLayerCall(
      layer,
      (x) =>
        tf
          .engine()
          .runKernel(
            tf.FusedConv2D,
            { x, filter: kernel.read(), bias: bias.read() },
            { strides, pad: padding, dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' }
          ) as tf.Tensor
    )
    fused++
  }
  return fused
}
