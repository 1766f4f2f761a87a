import * as tf from '@tensorflow/tfjs'
import { RELU_GRAD, RELU_GRAD_SUMS } from './wasmReluGrad'

/**
 * A gradient for the FusedConv2D kernel (convolution, bias and ReLU in one), which tfjs records on the tape
 * when a kernel is run directly: tfjs's own fused op never needs one, because it switches back to three
 * separate ops (Conv2D, Add, Relu) whenever gradients are recorded and the activation is not linear. With
 * this gradient a training step runs the convolution's forward pass as one onnxruntime run that adds the
 * bias and applies the ReLU itself, saving two passes over the layer's output (about 8 ms of a batch-128
 * step of the lecture network). The gradients are those of the three separate ops: ReLU's and the bias's
 * (one SIMD pass for both where the wasm kernel exists), then the convolution's two.
 */

const SUPPORTED = new Set(['linear', 'relu'])

let registered = false

/**
 * Whether a FusedConv2D with this activation can be trained through now (see fusedConvLayers): only on the
 * wasm backend it was registered for, even if a later run of the same thread chose another backend.
 */
export const trainableFusedActivation = (activation: string): boolean =>
  registered && tf.getBackend() === 'wasm' && SUPPORTED.has(activation)

/**
 * The gradient before the activation, and the bias's gradient when the same pass gave it (the app's SIMD
 * kernel, for channels in multiples of 4). ReLU's output is positive exactly where its input was, so y stands
 * in for the pre-activation.
 */
function preActivationGradient(
  dy: tf.Tensor,
  y: tf.Tensor,
  activation: string
): [tf.Tensor, tf.Tensor | null] {
  if (activation === 'linear') return [dy, null]
  const backend = tf.getBackend()
  if (tf.getKernel(RELU_GRAD_SUMS, backend) !== undefined && (y.shape.at(-1) ?? 0) % 4 === 0) {
    return tf.engine().runKernel(RELU_GRAD_SUMS, { dy, x: y }) as [tf.Tensor, tf.Tensor]
  }
  if (tf.getKernel(RELU_GRAD, backend) !== undefined) {
    return [tf.engine().runKernel(RELU_GRAD, { dy, x: y }) as tf.Tensor, null]
  }
  return [tf.mul(dy, tf.step(y)), null]
}

/** Registers the gradient once per thread (gradients are global to tfjs). */
export function registerFusedConvGradient(): void {
  if (registered) return
  tf.registerGradient({
    kernelName: tf.FusedConv2D,
    inputsToSave: ['x', 'filter'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D]
      const a = attrs as unknown as tf.FusedConv2DAttrs
      const activation = a.activation ?? 'linear'
      if (Array.isArray(dy) || !SUPPORTED.has(activation) || a.dataFormat !== 'NHWC') {
        throw new Error(`FusedConv2D has no gradient for the activation '${activation}' or ${a.dataFormat}.`)
      }
      const [dz, biasSum] = preActivationGradient(dy, y, activation)
      const geometry = {
        strides: a.strides,
        pad: a.pad,
        dataFormat: 'NHWC',
        dimRoundingMode: a.dimRoundingMode
      }
      return {
        x: () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropInput,
              { dy: dz, filter },
              { ...geometry, inputShape: x.shape }
            ) as tf.Tensor,
        filter: () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropFilter,
              { x, dy: dz },
              { ...geometry, filterShape: filter.shape }
            ) as tf.Tensor,
        bias: () => biasSum ?? tf.sum(dz, [0, 1, 2])
      }
    }
  })
  registered = true
}
