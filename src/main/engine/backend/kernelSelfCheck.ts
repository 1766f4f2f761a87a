import * as tf from '@tensorflow/tfjs'
import { KERNEL_CHECKS, type CheckCase, type CheckInput, type CpuKernels } from './kernelCheckCases'
import { removeKernelLayer, type KernelLayer } from './kernelLayers'

/**
 * Checks replaced wasm kernels against tfjs's plain JS cpu backend on the cases of kernelCheckCases.ts,
 * calling both backends' kernels directly on raw buffers (nothing is tracked by the engine, nothing is
 * left behind). A layer that differs, or throws, is taken off so the kernel below it is used, and the
 * reason is kept on the layer for the backend line.
 */

/** Largest |got − expected| over the largest |expected| that still counts as the same result. */
const TOLERANCE = 1e-4

/** A seeded, repeatable fill (the same numbers on every start). */
function fill(input: CheckInput, seed: number): Float32Array {
  const values = new Float32Array(tf.util.sizeFromShape(input.shape))
  if (input.values === 'zeros') return values
  let s = seed * 2654435761
  for (let i = 0; i < values.length; i++) {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) | 0
    const unit = (s >>> 8) / 2 ** 24
    values[i] = input.values === 'positive' ? unit : 2 * unit - 1
  }
  return values
}

type Raw = Record<string, { values: Float32Array; shape: number[] }>

/** Runs `kernel` on `backend` with raw inputs and returns its outputs' values; releases everything. */
function runKernel(
  backend: tf.KernelBackend,
  kernelFunc: tf.KernelConfig['kernelFunc'],
  inputs: Raw,
  attrs: Record<string, unknown> = {}
): Float32Array[] {
  const infos: tf.NamedTensorInfoMap = {}
  for (const [name, { values, shape }] of Object.entries(inputs)) {
    infos[name] = { dataId: backend.write(values, shape, 'float32'), shape, dtype: 'float32' }
  }
  try {
    const result = kernelFunc({ inputs: infos, attrs: attrs as tf.NamedAttrMap, backend })
    const outputs = Array.isArray(result) ? result : [result]
    const values = outputs.map((o) => Float32Array.from(backend.readSync(o.dataId) as Float32Array))
    for (const o of outputs) backend.disposeData(o.dataId)
    return values
  } finally {
    for (const info of Object.values(infos)) if (info !== undefined) backend.disposeData(info.dataId)
  }
}

function cpuKernels(cpu: tf.KernelBackend): CpuKernels {
  return (name, inputs, attrs) => {
    const kernel = tf.getKernel(name, 'cpu')
    if (kernel === undefined) throw new Error(`the cpu backend has no ${name}`)
    return runKernel(cpu, kernel.kernelFunc, inputs, attrs)[0] as Float32Array
  }
}

function relativeError(got: Float32Array[], expected: Float32Array[]): number {
  if (got.length !== expected.length) return Infinity
  let worst = 0
  let scale = 0
  expected.forEach((e, k) => {
    const g = got[k] as Float32Array
    if (g.length !== e.length) worst = Infinity
    for (let i = 0; i < e.length; i++) {
      const diff = Math.abs((g[i] as number) - (e[i] as number))
      worst = Math.max(worst, Number.isNaN(diff) ? Infinity : diff)
      scale = Math.max(scale, Math.abs(e[i] as number))
    }
  })
  return worst / (scale || 1)
}

/** What is wrong with the kernel registered on wasm under `kernelName` on one case, or null. */
function checkCase(kernelName: string, check: CheckCase, caseIndex: number): string | null {
  const wasm = tf.findBackend('wasm')
  const cpu = tf.findBackend('cpu')
  const kernel = tf.getKernel(kernelName, 'wasm')
  if (wasm === null || cpu === null || kernel === undefined) return 'the wasm or cpu backend is missing'
  const raw: Raw = {}
  Object.entries(check.inputs).forEach(([name, input], i) => {
    raw[name] = { values: fill(input, 31 * caseIndex + i + 1), shape: input.shape }
  })
  const shapes = JSON.stringify(Object.values(check.inputs).map((i) => i.shape))
  try {
    const expected = check.reference
      ? check.reference(
          cpuKernels(cpu),
          Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.values]))
        )
      : [cpuKernels(cpu)(kernelName, raw, check.attrs)]
    const got = runKernel(wasm, kernel.kernelFunc, raw, check.attrs)
    const error = relativeError(got.slice(0, expected.length), expected)
    return error <= TOLERANCE
      ? null
      : `differs from tfjs's cpu backend on ${shapes} (relative error ${error.toPrecision(2)})`
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return `failed on ${shapes} (${message.split('\n')[0] ?? ''})`
  }
}

/**
 * Checks each layer (the top one of its kernel) once; a layer that fails is taken off. Returns the layers
 * with their `checked` outcome filled in.
 */
export function checkKernelLayers(layers: readonly KernelLayer[]): KernelLayer[] {
  for (const layer of [...layers].reverse()) {
    if (layer.checked !== undefined) continue
    const cases = KERNEL_CHECKS[layer.kernelName] ?? []
    let problem: string | null = cases.length === 0 ? 'has no check case, so it is not trusted' : null
    for (let i = 0; i < cases.length && problem === null; i++) {
      problem = checkCase(layer.kernelName, cases[i] as CheckCase, i)
    }
    layer.checked = problem
    if (problem !== null) removeKernelLayer(layer)
  }
  return [...layers]
}
