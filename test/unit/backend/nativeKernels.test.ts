import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeBackendChoice, selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { loadNativeRuntime } from '../../../src/main/engine/backend/native/onnxRuntimeSync'
import {
  nativeKernelRuntime,
  registerNativeKernels
} from '../../../src/main/engine/backend/native/registerNativeKernels'
import type { KernelLayer } from '../../../src/main/engine/backend/kernelLayers'
import { compareWithCpu } from './cpuReference'
import { CONV_CASES, MATMUL_CASES } from './kernelCases'

const loss = (y: tf.Tensor): tf.Scalar => y.square().sum()

let layers: KernelLayer[] = []

beforeAll(async () => {
  await selectBackend({ force: 'wasm' })
  const native = loadNativeRuntime(2)
  if (!native.ok) throw new Error(native.reason)
  // Every size goes to onnxruntime here, so the small cases test it rather than the fallback; filter
  // gradients of more than 8000 patch values go by chunks of images, and convolutions of more than 1600
  // input or output values an image by slices of the batch, as large batches do in training and inference.
  layers = registerNativeKernels(native.runtime, {
    minMultiplyAdds: 0,
    patchChunkFloats: 8000,
    sliceFloats: 1600
  })
})

describe("onnxruntime's kernels behind the wasm backend", () => {
  it('is in place', () => {
    expect(nativeKernelRuntime()).not.toBeNull()
  })

  it.each(CONV_CASES)(
    'conv2d forward matches cpu for x %j, filter %j, stride %i, pad %j',
    async (xs, ws, s, pad) => {
      const result = await compareWithCpu([xs, ws], (x, w) =>
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad)
      )
      expect(result.wasmShape).toEqual(result.cpuShape)
      expect(result.relativeError).toBeLessThan(1e-5)
      expect(result.leakedBuffers).toBe(0)
    }
  )

  it('conv2d forward with dilation 2 matches cpu', async () => {
    const result = await compareWithCpu(
      [
        [2, 11, 11, 3],
        [3, 3, 3, 4]
      ],
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same', 'NHWC', 2)
    )
    expect(result.relativeError).toBeLessThan(1e-5)
  })

  const GRADIENT_CASES = CONV_CASES.flatMap((c) => [['input', ...c] as const, ['filter', ...c] as const])
  it.each(GRADIENT_CASES)(
    '%s gradient matches cpu for x %j, filter %j, stride %i, pad %j',
    async (which, xs, ws, s, pad) => {
      const conv = (x: tf.Tensor, w: tf.Tensor): tf.Scalar =>
        loss(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad))
      const result = await compareWithCpu([xs, ws], (x, w) =>
        which === 'input'
          ? tf.grad((input: tf.Tensor) => conv(input, w))(x)
          : tf.grad((filter: tf.Tensor) => conv(x, filter))(w)
      )
      expect(result.wasmShape).toEqual(which === 'input' ? xs : ws)
      expect(result.relativeError).toBeLessThan(1e-5)
      expect(result.leakedBuffers).toBe(0)
    }
  )

  it('sums a filter gradient over chunks of two images, the last one short, as cpu computes it whole', async () => {
    // Its start-up check passed, so this runs on onnxruntime rather than on wasm's own kernel.
    expect(layers.find((l) => l.kernelName === 'Conv2DBackpropFilter')?.checked).toBeNull()
    // 3×3×4 patch values at 10×10 positions: 3,600 an image, so chunks of 2, 2 and 1 of the 5 images.
    const result = await compareWithCpu(
      [
        [5, 10, 10, 4],
        [3, 3, 4, 8]
      ],
      (x, w) =>
        tf.grad((filter: tf.Tensor) => loss(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 1, 'same')))(w)
    )
    expect(result.wasmShape).toEqual([3, 3, 4, 8])
    expect(result.relativeError).toBeLessThan(1e-5)
    expect(result.leakedBuffers).toBe(0)
  })

  it('runs convolutions and input gradients on slices of two images, the last one short, as cpu runs them whole', async () => {
    // Their start-up checks passed, so these run on onnxruntime rather than on wasm's own kernels.
    for (const name of ['Conv2D', 'FusedConv2D', 'Conv2DBackpropInput']) {
      expect(layers.find((l) => l.kernelName === name)?.checked, name).toBeNull()
    }
    // 800 output values an image (10×10×8): slices of 2, 2 and 1 of the 5 images.
    const shapes = [[5, 10, 10, 4], [3, 3, 4, 8], [8]]
    const forward = await compareWithCpu(shapes, (x, w) =>
      tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')
    )
    const fused = await compareWithCpu(shapes, (x, w, b) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: w as tf.Tensor4D,
        strides: 1,
        pad: 'same',
        bias: b,
        activation: 'relu'
      })
    )
    const input = await compareWithCpu(shapes.slice(0, 2), (x, w) =>
      tf.grad((x: tf.Tensor) => loss(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')))(x)
    )
    for (const result of [forward, fused, input]) {
      expect(result.wasmShape).toEqual(result.cpuShape)
      expect(result.relativeError).toBeLessThan(1e-5)
      expect(result.leakedBuffers).toBe(0)
    }
  })

  it.each(MATMUL_CASES)('matMul %s matches cpu', async (_label, aShape, bShape, transposeA, transposeB) => {
    const result = await compareWithCpu([aShape, bShape], (a, b) =>
      tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, transposeA, transposeB)
    )
    expect(result.wasmShape).toEqual(result.cpuShape)
    expect(result.relativeError).toBeLessThan(1e-5)
    expect(result.leakedBuffers).toBe(0)
  })
})

describe('choosing the backend with native kernels', () => {
  it("names onnxruntime's kernels and their threads in the backend line", async () => {
    const choice = await selectBackend({ force: 'wasm', native: loadNativeRuntime(2) })
    // This machine has AVX-512 or AVX2, so onnxruntime's blocked convolutions are in use.
    expect(choice.nativeKernels).toEqual({
      threads: 2,
      nchwcBlock: expect.any(Number),
      fusedConvTraining: true
    })
    expect([8, 16]).toContain(choice.nativeKernels?.nchwcBlock)
    expect(describeBackendChoice(choice)).toMatch(
      /^Computing on wasm \(SIMD, 1 thread\); convolutions and matrix products on onnxruntime's native CPU kernels \(2 threads, blocked convolutions of (8|16) channels, convolutions with a ReLU trained as one kernel\)/
    )
  })

  it("says when onnxruntime's kernels are not available, and trains on wasm's own", async () => {
    const choice = await selectBackend({
      force: 'wasm',
      native: { ok: false, reason: 'onnxruntime-node could not be loaded: libonnxruntime.so.1: cannot open' }
    })
    expect(choice.nativeKernels).toBeUndefined()
    expect(describeBackendChoice(choice)).toMatch(
      /^Computing on wasm \(SIMD, 1 thread\); onnxruntime-node could not be loaded: libonnxruntime\.so\.1/
    )
  })
})

describe("onnxruntime's fused kernels (inference) behind the wasm backend", () => {
  const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'elu', 'leakyrelu', 'relu6', 'prelu'] as const
  it.each(ACTIVATIONS)('fused conv2d with bias and %s matches cpu', async (activation) => {
    const result = await compareWithCpu([[2, 9, 9, 3], [3, 3, 3, 5], [5], [5]], (x, w, bias, alpha) =>
      tf.fused.conv2d({
        x: x as tf.Tensor4D,
        filter: w as tf.Tensor4D,
        strides: 1,
        pad: 'same',
        bias,
        activation,
        ...(activation === 'prelu' ? { preluActivationWeights: alpha } : {}),
        leakyreluAlpha: 0.1
      })
    )
    expect(result.wasmShape).toEqual([2, 9, 9, 5])
    expect(result.relativeError).toBeLessThan(1e-5)
    expect(result.leakedBuffers).toBe(0)
  })

  it.each([
    [false, false],
    [true, false],
    [false, true]
  ])(
    'fused matMul (transposeA %s, transposeB %s) with bias and relu matches cpu',
    async (transposeA, transposeB) => {
      const result = await compareWithCpu(
        [transposeA ? [7, 4] : [4, 7], transposeB ? [6, 7] : [7, 6], [6]],
        (a, b, bias) =>
          tf.fused.matMul({
            a: a as tf.Tensor2D,
            b: b as tf.Tensor2D,
            transposeA,
            transposeB,
            bias,
            activation: 'relu'
          })
      )
      expect(result.wasmShape).toEqual([4, 6])
      expect(result.relativeError).toBeLessThan(1e-5)
    }
  )
})

describe("onnxruntime's Sum behind the wasm backend", () => {
  const CASES: Array<[string, number[], number | number[], boolean]> = [
    ['bias gradient [N,H,W,C] → [C]', [4, 6, 5, 3], [0, 1, 2], false],
    ['inner axis', [4, 6, 5, 3], -1, false],
    ['middle axes, kept', [4, 6, 5, 3], [1, 2], true],
    ['everything', [4, 6, 5], [0, 1, 2], false],
    ['everything, kept', [7, 3], [0, 1], true],
    ['dense bias gradient [N,C] → [C]', [32, 10], 0, false]
  ]
  it.each(CASES)('%s matches cpu', async (_label, shape, axis, keepDims) => {
    const result = await compareWithCpu([shape], (x) => tf.sum(x, axis, keepDims))
    expect(result.wasmShape).toEqual(result.cpuShape)
    expect(result.relativeError).toBeLessThan(1e-5)
    expect(result.leakedBuffers).toBe(0)
  })
})
