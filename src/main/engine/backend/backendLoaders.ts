import * as tf from '@tensorflow/tfjs'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { BackendLoader, BackendName } from './backendTypes'
import { BackendUnavailableError } from './loadFailureReason'

const require = createRequire(import.meta.url)

/** npm package behind each backend; cpu ships inside @tensorflow/tfjs. */
export const BACKEND_PACKAGE: Readonly<Record<BackendName, string>> = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs'
}

/**
 * The prebuilt libtensorflow uses AVX; on a CPU without it loading the addon kills the whole
 * process with SIGILL, which no try/catch can turn into a fallback. So ask the CPU first.
 */
function assertAvxIfKnowable(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') return
  let cpuinfo: string
  try {
    cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  } catch {
    return
  }
  const flags = /^flags\s*:(.*)$/m.exec(cpuinfo)?.[1] ?? ''
  if (flags !== '' && !flags.split(/\s+/).includes('avx')) {
    throw new BackendUnavailableError(
      'this CPU has no AVX instructions, which the prebuilt libtensorflow requires (loading it would crash the engine)'
    )
  }
}

async function loadNative(packageName: string): Promise<void> {
  try {
    require.resolve(packageName)
  } catch {
    throw new BackendUnavailableError(`not installed (optional dependency ${packageName} is absent)`)
  }
  assertAvxIfKnowable()
  // A variable specifier keeps the optional package out of type checking and bundling.
  const specifier: string = packageName
  await import(specifier)
  if (tf.findBackendFactory('tensorflow') === null) {
    throw new BackendUnavailableError(
      `${packageName} loaded but registered no 'tensorflow' backend with this copy of @tensorflow/tfjs — two copies of @tensorflow/tfjs-core are probably installed; run "npm dedupe"`
    )
  }
}

/** Folder holding tfjs-backend-wasm's .wasm binaries, with a trailing separator as setWasmPaths expects. */
export function wasmBinaryFolder(): string {
  return join(dirname(require.resolve(BACKEND_PACKAGE.wasm)), '/')
}

async function loadWasm(): Promise<void> {
  if (!('WebAssembly' in globalThis)) {
    throw new BackendUnavailableError('this runtime has no WebAssembly support')
  }
  const folder = wasmBinaryFolder()
  const binary = join(folder, 'tfjs-backend-wasm-simd.wasm')
  if (!existsSync(binary)) {
    throw new BackendUnavailableError(
      `the WebAssembly binary ${binary} is missing — reinstall ${BACKEND_PACKAGE.wasm}`
    )
  }
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  // The default location is derived from the bundle's own path, which is wrong once the engine
  // is bundled; the package folder on disk is right in both cases.
  wasm.setWasmPaths(folder)
}

export const DEFAULT_LOADERS: Readonly<Record<BackendName, BackendLoader>> = {
  'tfjs-node-gpu': () => loadNative(BACKEND_PACKAGE['tfjs-node-gpu']),
  'tfjs-node': () => loadNative(BACKEND_PACKAGE['tfjs-node']),
  wasm: loadWasm,
  // The cpu backend is registered by importing @tensorflow/tfjs itself.
  cpu: async () => {}
}
