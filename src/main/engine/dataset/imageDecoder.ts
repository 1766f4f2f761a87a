import { existsSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type SharpModule from 'sharp'
import { WorkbenchError } from '../../../shared/workbenchError'
import { chooseDecoder, type DecoderChoice } from './decoderChoice'
import { glibLibrariesInThisProcess } from './glibInProcess'

export type Sharp = SharpModule.Sharp
type SharpFactory = typeof SharpModule

const require = createRequire(import.meta.url)

/** Where scripts/postinstall.mjs installs sharp's WebAssembly build (npm skips it in the main tree). */
const VENDOR_PACKAGE = path.join('vendor', 'sharp-wasm32', 'package.json')

function vendorPackageJson(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(dir, VENDOR_PACKAGE)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/** The path of sharp's WebAssembly binding, or null when it is not installed. */
export function wasmBindingPath(): string | null {
  const resolvers = [require]
  const vendor = vendorPackageJson()
  if (vendor) resolvers.push(createRequire(vendor))
  for (const resolver of resolvers) {
    try {
      return resolver.resolve('@img/sharp-wasm32/sharp.node')
    } catch {
      // Not installed here; try the next place.
    }
  }
  return null
}

let choice: DecoderChoice | null = null
let loaded: SharpFactory | null = null

/** The decoder this process uses, decided once, before sharp is first loaded. */
export function imageDecoder(): DecoderChoice {
  choice ??= chooseDecoder({
    glibLibraries: glibLibrariesInThisProcess(),
    wasmAvailable: wasmBindingPath() !== null,
    requested: process.env.CNN_WORKBENCH_IMAGE_DECODER,
    electron: process.versions.electron,
    platform: process.platform
  })
  return choice
}

/**
 * sharp's loader tries its native binding first and has no switch for it, so the WebAssembly binding is
 * put in the module cache under the loader's own file name: sharp then runs unchanged on top of it.
 */
function loadWasmSharp(bindingPath: string): SharpFactory {
  const loaderFile = require.resolve('sharp/lib/sharp.js')
  const binding: unknown = require(bindingPath)
  const cached = require.cache[loaderFile]
  if (cached === undefined) {
    const entry = new Module(loaderFile)
    entry.filename = loaderFile
    entry.loaded = true
    entry.exports = binding
    require.cache[loaderFile] = entry
  } else if (cached.exports !== binding) {
    // Something imported sharp directly before this module could choose: native sharp is already running.
    throw new DecoderUnavailableError(
      `${imageDecoder().why}, but native sharp was already loaded in this process by other code; import sharp only through imageDecoder.ts`
    )
  }
  return require('sharp') as SharpFactory
}

/** Thrown instead of decoding when no decoder may run in this process; the message says what to do. */
export class DecoderUnavailableError extends WorkbenchError {
  constructor(message: string) {
    super('unavailable', message)
  }
}

function loadSharp(): SharpFactory {
  if (loaded) return loaded
  const decoder = imageDecoder()
  if (decoder.kind === 'none') throw new DecoderUnavailableError(decoder.why)
  if (decoder.kind === 'wasm') {
    const binding = wasmBindingPath()
    if (binding === null) throw new DecoderUnavailableError(decoder.why)
    loaded = loadWasmSharp(binding)
  } else {
    loaded = require('sharp') as SharpFactory
  }
  return loaded
}

/** sharp, as the decoder choice allows in this process: every engine module opens images through this. */
export function sharp(input?: SharpModule.SharpInput, options?: SharpModule.SharpOptions): Sharp {
  return loadSharp()(input, options)
}
