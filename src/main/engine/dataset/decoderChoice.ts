/**
 * Which build of sharp decodes images in this process. Native sharp is the fast one, but on Linux it
 * must never run in a process that already has the system GLib mapped (the Electron binary links it):
 * there sharp's WebAssembly build, which links no GLib, decodes instead, with the same libvips.
 */
export type DecoderKind = 'native' | 'wasm' | 'none'

export interface DecoderChoice {
  kind: DecoderKind
  /** What decodes, e.g. "sharp (native libvips)". */
  label: string
  /** Why this one, as a sentence a person can act on. */
  why: string
}

export interface DecoderFacts {
  /** System GLib libraries mapped into this process (see glibInProcess). */
  glibLibraries: readonly string[]
  /** Whether sharp's WebAssembly build can be loaded (installed by scripts/postinstall.mjs). */
  wasmAvailable: boolean
  /** CNN_WORKBENCH_IMAGE_DECODER: 'native' or 'wasm' (anything else: choose). */
  requested?: string | undefined
  /** process.versions.electron: set when this process was started from the Electron binary. */
  electron?: string | undefined
  platform: NodeJS.Platform
}

export const NATIVE_LABEL = 'sharp (native libvips)'
export const WASM_LABEL = "sharp's WebAssembly build (@img/sharp-wasm32)"
const INSTALL_HINT = 'install it with "npm run install:decoder"'

function names(libraries: readonly string[]): string {
  return libraries.map((l) => l.slice(l.lastIndexOf('/') + 1)).join(', ')
}

/** The GLib clash, in words, or null when native sharp is safe in this process. */
function clash(facts: DecoderFacts): string | null {
  if (facts.glibLibraries.length > 0)
    return `this process has the system GLib loaded (${names(facts.glibLibraries)}), which native sharp's own GLib would clash with`
  if (facts.platform === 'linux' && facts.electron !== undefined)
    return `this process runs on the Electron binary (Electron ${facts.electron}), which links the system GLib that native sharp's own GLib would clash with`
  return null
}

export function chooseDecoder(facts: DecoderFacts): DecoderChoice {
  const wasm = (why: string): DecoderChoice => ({ kind: 'wasm', label: WASM_LABEL, why })
  const none = (why: string): DecoderChoice => ({ kind: 'none', label: 'none', why })
  const problem = clash(facts)
  if (facts.requested === 'wasm') {
    return facts.wasmAvailable
      ? wasm(`${WASM_LABEL}, as CNN_WORKBENCH_IMAGE_DECODER=wasm asks`)
      : none(
          `CNN_WORKBENCH_IMAGE_DECODER=wasm asks for ${WASM_LABEL}, which is not installed; ${INSTALL_HINT}`
        )
  }
  if (problem === null) {
    const where = facts.platform === 'linux' ? ': no system GLib is loaded in this process' : ''
    return { kind: 'native', label: NATIVE_LABEL, why: `${NATIVE_LABEL}${where}` }
  }
  const refused = facts.requested === 'native' ? ' (CNN_WORKBENCH_IMAGE_DECODER=native is refused)' : ''
  if (facts.wasmAvailable) return wasm(`${WASM_LABEL}, because ${problem}${refused}`)
  return none(
    `Images cannot be decoded in this process: ${problem}${refused}, and ${WASM_LABEL} is not installed; ${INSTALL_HINT}, or run the engine on Node.js (see README, "The engine's runtime on Linux").`
  )
}
