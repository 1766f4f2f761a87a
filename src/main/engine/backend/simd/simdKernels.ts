import { wasmMemoryOf, type WasmMemory } from '../libraryInternals'
import { SIMD_KERNELS_WASM, SIMD_KERNELS_WASM_SHARED } from './simdKernelsWasm'

export type { WasmMemory } from '../libraryInternals'

/** The exports of simdKernelsWat.ts; addresses are byte offsets into the imported memory. */
export interface SimdKernels {
  adamUpdate(
    w: number,
    g: number,
    m: number,
    v: number,
    wOut: number,
    mOut: number,
    vOut: number,
    n: number,
    beta1: number,
    keep1: number,
    beta2: number,
    keep2: number,
    c1: number,
    c2: number,
    epsilon: number,
    step: number
  ): void
  maxPoolGrad2x2(x: number, dy: number, dx: number, rows: number, outWidth: number, channels: number): void
  reluGrad(dy: number, x: number, dx: number, n: number): void
  columnSums(x: number, rows: number, cols: number, totals: number, out: number): void
  patchRows(
    x: number,
    n: number,
    h: number,
    w: number,
    c: number,
    kh: number,
    kw: number,
    padTop: number,
    padLeft: number,
    outH: number,
    outW: number,
    planes: number,
    out: number
  ): void
  addBias(x: number, bias: number, out: number, rows: number, cols: number): void
  reluGradColumnSums(
    dy: number,
    x: number,
    dx: number,
    rows: number,
    cols: number,
    totals: number,
    out: number
  ): void
}

/** The parts of WebAssembly used here (Node 20's typings leave the namespace out). */
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}
export const webAssembly = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

const instances = new WeakMap<WasmMemory, SimdKernels | Error>()

/**
 * The SIMD kernels working in `memory` (the wasm backend's own), instantiated once per memory; an Error
 * says why they cannot run there. Growing the memory later is fine: the instance imports the object.
 */
export function simdKernelsOn(memory: WasmMemory): SimdKernels | Error {
  let found = instances.get(memory)
  if (found === undefined) {
    try {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer
      const bytes = Buffer.from(shared ? SIMD_KERNELS_WASM_SHARED : SIMD_KERNELS_WASM, 'base64')
      const instance = new webAssembly.Instance(new webAssembly.Module(bytes), { env: { memory } })
      found = instance.exports as unknown as SimdKernels
    } catch (err) {
      found = err instanceof Error ? err : new Error(String(err))
    }
    instances.set(memory, found)
  }
  return found
}

/** The wasm backend's memory (see libraryInternals), checked to be a WebAssembly.Memory. */
function memoryOf(backend: object): WasmMemory | null {
  const memory = wasmMemoryOf(backend)
  return memory instanceof webAssembly.Memory ? memory : null
}

/** The SIMD kernels on a wasm backend's memory, or null where they cannot run (kernels then fall back). */
export function simdKernelsOf(backend: object): SimdKernels | null {
  const memory = memoryOf(backend)
  const kernels = memory === null ? null : simdKernelsOn(memory)
  return kernels instanceof Error ? null : kernels
}

/** Why the SIMD kernels cannot run on this wasm backend, for the backend line; null when they can. */
export function simdKernelsProblem(backend: object): string | null {
  const memory = memoryOf(backend)
  if (memory === null) {
    return "the app's SIMD kernels cannot reach the wasm backend's memory (tfjs-backend-wasm may have changed); tfjs's own Adam and max-pool gradients are used"
  }
  const kernels = simdKernelsOn(memory)
  return kernels instanceof Error
    ? `the app's SIMD kernels could not be loaded (${kernels.message}); tfjs's own Adam and max-pool gradients are used`
    : null
}
