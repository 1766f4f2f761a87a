import { ADAM_UPDATE } from './wasmAdamUpdate'
import { RELU_GRAD, RELU_GRAD_SUMS } from './wasmReluGrad'

/**
 * The computations every replaced kernel is checked on at start, against tfjs's cpu backend. Small, so
 * the check costs little, but shaped to take each replacement's main paths: channels in whole NCHWc
 * blocks and a single channel, stride 1 and 2, each transposed product, column and inner-axis sums.
 * `cpu` names the cpu kernels computing the reference when it is not the kernel of the same name.
 */

export interface CheckInput {
  shape: number[]
  /** Values in [0, 1) instead of [-1, 1) (a second moment); 'zeros' for an input that is only asserted on. */
  values?: 'positive' | 'zeros'
}

export interface CheckCase {
  inputs: Record<string, CheckInput>
  attrs?: Record<string, unknown>
  /** The reference from cpu kernels, when the kernel is the app's own. */
  reference?: (cpu: CpuKernels, inputs: Record<string, Float32Array>) => Float32Array[]
}

export type CpuKernels = (
  name: string,
  inputs: Record<string, { values: Float32Array; shape: number[] }>,
  attrs?: Record<string, unknown>
) => Float32Array

const conv = (pad: string | number, strides = 1): Record<string, unknown> => ({
  strides,
  pad,
  dataFormat: 'NHWC',
  dilations: 1,
  dimRoundingMode: undefined
})

const ADAM = {
  learningRate: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  correction1: 0.271,
  correction2: 0.003
}

/** Adam's step with every operation rounded to float32, as tfjs's own kernels compute it. */
function adamReference(_cpu: CpuKernels, x: Record<string, Float32Array>): Float32Array[] {
  const f = Math.fround
  const [w, g, m, v] = [x.value, x.gradient, x.m, x.v] as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array
  ]
  const out = [new Float32Array(w.length), new Float32Array(w.length), new Float32Array(w.length)]
  const a = ADAM
  for (let i = 0; i < w.length; i++) {
    const gi = g[i] as number
    const m1 = f(f(f(m[i] as number) * f(a.beta1)) + f(gi * f(1 - a.beta1)))
    const v1 = f(f(f(v[i] as number) * f(a.beta2)) + f(f(gi * gi) * f(1 - a.beta2)))
    const step = f(f(m1 / f(a.correction1)) / f(f(Math.sqrt(f(v1 / f(a.correction2)))) + f(a.epsilon)))
    ;(out[0] as Float32Array)[i] = f(f(step * f(-a.learningRate)) + (w[i] as number))
    ;(out[1] as Float32Array)[i] = m1
    ;(out[2] as Float32Array)[i] = v1
  }
  return out
}

export const KERNEL_CHECKS: Readonly<Record<string, readonly CheckCase[]>> = {
  Conv2D: [
    { inputs: { x: { shape: [2, 7, 7, 16] }, filter: { shape: [3, 3, 16, 16] } }, attrs: conv('same') },
    { inputs: { x: { shape: [2, 10, 10, 1] }, filter: { shape: [5, 5, 1, 8] } }, attrs: conv('same') },
    { inputs: { x: { shape: [2, 9, 9, 3] }, filter: { shape: [3, 3, 3, 4] } }, attrs: conv('valid', 2) }
  ],
  FusedConv2D: [
    {
      inputs: { x: { shape: [2, 6, 6, 16] }, filter: { shape: [3, 3, 16, 16] }, bias: { shape: [16] } },
      attrs: { ...conv('same'), activation: 'relu' }
    },
    {
      inputs: { x: { shape: [2, 6, 6, 3] }, filter: { shape: [3, 3, 3, 5] }, bias: { shape: [5] } },
      attrs: { ...conv('same'), activation: 'elu' }
    }
  ],
  Conv2DBackpropInput: [
    {
      inputs: { dy: { shape: [2, 7, 7, 16] }, filter: { shape: [3, 3, 16, 16] } },
      attrs: { ...conv('same'), inputShape: [2, 7, 7, 16] }
    },
    {
      inputs: { dy: { shape: [2, 4, 4, 3] }, filter: { shape: [3, 3, 2, 3] } },
      attrs: { ...conv('same', 2), inputShape: [2, 8, 8, 2] }
    }
  ],
  Conv2DBackpropFilter: [
    {
      inputs: { x: { shape: [2, 7, 7, 16] }, dy: { shape: [2, 7, 7, 8] } },
      attrs: { ...conv('same'), filterShape: [3, 3, 16, 8] }
    },
    {
      inputs: { x: { shape: [2, 9, 9, 2] }, dy: { shape: [2, 4, 4, 3] } },
      attrs: { ...conv('valid', 2), filterShape: [3, 3, 2, 3] }
    },
    // Three images: built one at a time in the checks, their products are summed twice.
    {
      inputs: { x: { shape: [3, 6, 6, 4] }, dy: { shape: [3, 6, 6, 5] } },
      attrs: { ...conv('same'), filterShape: [3, 3, 4, 5] }
    }
  ],
  BatchMatMul: [
    {
      inputs: { a: { shape: [9, 40] }, b: { shape: [40, 24] } },
      attrs: { transposeA: false, transposeB: false }
    },
    {
      inputs: { a: { shape: [40, 9] }, b: { shape: [40, 24] } },
      attrs: { transposeA: true, transposeB: false }
    },
    {
      inputs: { a: { shape: [9, 40] }, b: { shape: [24, 40] } },
      attrs: { transposeA: false, transposeB: true }
    }
  ],
  _FusedMatMul: [
    {
      inputs: { a: { shape: [9, 40] }, b: { shape: [40, 24] }, bias: { shape: [24] } },
      attrs: { transposeA: false, transposeB: false, activation: 'relu' }
    }
  ],
  Sum: [
    { inputs: { x: { shape: [8, 8, 8, 8] } }, attrs: { axis: [0, 1, 2], keepDims: false } },
    { inputs: { x: { shape: [4, 6, 6, 10] } }, attrs: { axis: [3], keepDims: false } }
  ],
  MaxPoolGrad: [
    {
      inputs: {
        dy: { shape: [2, 4, 4, 8] },
        input: { shape: [2, 8, 8, 8] },
        output: { shape: [2, 4, 4, 8], values: 'zeros' }
      },
      attrs: { filterSize: 2, strides: 2, pad: 'valid', dimRoundingMode: undefined }
    }
  ],
  Identity: [{ inputs: { x: { shape: [3, 5] } } }],
  Add: [
    { inputs: { a: { shape: [4, 8, 8, 16] }, b: { shape: [16] } } },
    { inputs: { a: { shape: [4, 8, 8, 16] }, b: { shape: [4, 8, 8, 16] } } }
  ],
  [RELU_GRAD]: [
    {
      inputs: { dy: { shape: [2, 5, 5, 8] }, x: { shape: [2, 5, 5, 8] } },
      reference: (cpu, x) => {
        const shape = [2, 5, 5, 8]
        const step = cpu('Step', { x: { values: x.x as Float32Array, shape } }, { alpha: 0 })
        return [cpu('Multiply', { a: { values: x.dy as Float32Array, shape }, b: { values: step, shape } })]
      }
    }
  ],
  [RELU_GRAD_SUMS]: [
    {
      inputs: { dy: { shape: [2, 5, 5, 8] }, x: { shape: [2, 5, 5, 8] } },
      reference: (cpu, x) => {
        const shape = [2, 5, 5, 8]
        const step = cpu('Step', { x: { values: x.x as Float32Array, shape } }, { alpha: 0 })
        const dx = cpu('Multiply', { a: { values: x.dy as Float32Array, shape }, b: { values: step, shape } })
        return [dx, cpu('Sum', { x: { values: dx, shape } }, { axis: [0, 1, 2], keepDims: false })]
      }
    }
  ],
  [ADAM_UPDATE]: [
    {
      inputs: {
        value: { shape: [103] },
        gradient: { shape: [103] },
        m: { shape: [103] },
        v: { shape: [103], values: 'positive' }
      },
      attrs: ADAM,
      reference: adamReference
    }
  ]
}
