import { describe, expect, it } from 'vitest'
import { wasmVariants } from '../../../scripts/compileWat'
import {
  SIMD_KERNELS_WASM,
  SIMD_KERNELS_WASM_SHARED
} from '../../../src/main/engine/backend/simd/simdKernelsWasm'
import {
  simdKernelsOn,
  simdKernelsProblem,
  webAssembly,
  type WasmMemory
} from '../../../src/main/engine/backend/simd/simdKernels'

const { Memory } = webAssembly

const CONSTANTS = { beta1: 0.9, beta2: 0.999, c1: 1 - 0.9 ** 3, c2: 1 - 0.999 ** 3, epsilon: 1e-7, lr: 0.01 }

/** Runs the module on 4 arrays of `n` values placed at odd offsets in `memory`, returning w', m', v'. */
function runOn(memory: WasmMemory, n: number): Float32Array[] {
  const simd = simdKernelsOn(memory)
  if (simd instanceof Error) throw simd
  const base = 36 // not a multiple of 16: the loads must not assume alignment
  const at = (k: number): number => base + k * n * 4
  const arrays = [0, 1, 2, 3, 4, 5, 6].map((k) => new Float32Array(memory.buffer, at(k), n))
  const [w, g, m, v] = arrays as [Float32Array, Float32Array, Float32Array, Float32Array]
  for (let i = 0; i < n; i++) {
    w[i] = Math.sin(i)
    g[i] = Math.cos(3 * i) / 4
    m[i] = Math.sin(7 * i) / 10
    v[i] = (1 + Math.cos(5 * i)) / 100
  }
  const c = CONSTANTS
  simd.adamUpdate(
    at(0),
    at(1),
    at(2),
    at(3),
    at(4),
    at(5),
    at(6),
    n,
    c.beta1,
    1 - c.beta1,
    c.beta2,
    1 - c.beta2,
    c.c1,
    c.c2,
    c.epsilon,
    -c.lr
  )
  return arrays.slice(4).map((a) => Float32Array.from(a))
}

/** Adam's update one value at a time, each operation rounded to float32 as tfjs's kernels do. */
function reference(n: number): Float32Array[] {
  const f = Math.fround
  const c = CONSTANTS
  const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const
  for (let i = 0; i < n; i++) {
    const [w, g, m, v] = [
      f(Math.sin(i)),
      f(Math.cos(3 * i) / 4),
      f(Math.sin(7 * i) / 10),
      f((1 + Math.cos(5 * i)) / 100)
    ]
    const first = f(f(m * f(c.beta1)) + f(g * f(1 - c.beta1)))
    const second = f(f(v * f(c.beta2)) + f(f(g * g) * f(1 - c.beta2)))
    const corrected = f(f(first / f(c.c1)) / f(f(Math.sqrt(f(second / f(c.c2)))) + f(c.epsilon)))
    out[0][i] = f(f(corrected * f(-c.lr)) + w)
    out[1][i] = first
    out[2][i] = second
  }
  return [...out]
}

describe('the SIMD Adam update', () => {
  it('is the binary its WebAssembly text compiles to', async () => {
    const compiled = await wasmVariants()
    const hint = 'run `npm run build:simd` after editing simdKernelsWat.ts'
    expect(Buffer.from(compiled.own).toString('base64'), hint).toBe(SIMD_KERNELS_WASM)
    expect(Buffer.from(compiled.shared).toString('base64'), hint).toBe(SIMD_KERNELS_WASM_SHARED)
  })

  it('gives float32 Adam exactly, vector part and tail (n = 4k + 3), in plain and shared memory', () => {
    const n = 1027
    const expected = reference(n)
    for (const memory of [
      new Memory({ initial: 1 }),
      new Memory({ initial: 1, maximum: 16, shared: true })
    ]) {
      const actual = runOn(memory, n)
      actual.forEach((a, k) => expect(Array.from(a)).toEqual(Array.from(expected[k] as Float32Array)))
    }
  })

  it('says why it cannot run on something that is not a wasm memory, instead of throwing', () => {
    const result = simdKernelsOn({ buffer: new ArrayBuffer(64) })
    expect(result).toBeInstanceOf(Error)
    expect((result as Error).message).toMatch(/memory/i)
  })

  it('names what stops it on a backend, for the backend line', () => {
    expect(simdKernelsProblem({ wasm: {} })).toMatch(
      /cannot reach the wasm backend's memory.*tfjs's own Adam/
    )
    expect(simdKernelsProblem({ wasm: { asm: { memory: new Memory({ initial: 1 }) } } })).toBeNull()
  })
})
