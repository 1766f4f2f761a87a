import wabt from 'wabt'
import {
  OWN_MEMORY_IMPORT,
  SHARED_MEMORY_IMPORT,
  simdKernelsWat
} from '../src/main/engine/backend/simd/simdKernelsWat'

/** WebAssembly text to binary (wabt; a development dependency: the app ships the binary). */
export async function compileWat(name: string, source: string): Promise<Uint8Array> {
  const tools = await wabt()
  const features = { simd: true, threads: true }
  const parsed = tools.parseWat(name, source, features)
  try {
    // The typings omit validate's features; without them shared memory is refused.
    ;(parsed as unknown as { validate(f: typeof features): void }).validate(features)
    return new Uint8Array(parsed.toBinary({}).buffer)
  } finally {
    parsed.destroy()
  }
}

/** The module for the wasm backend's own memory, and for its threaded build's shared memory. */
export async function wasmVariants(): Promise<{ own: Uint8Array; shared: Uint8Array }> {
  return {
    own: await compileWat('simdKernels.wat', simdKernelsWat(OWN_MEMORY_IMPORT)),
    shared: await compileWat('simdKernels.shared.wat', simdKernelsWat(SHARED_MEMORY_IMPORT))
  }
}
