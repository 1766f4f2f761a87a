// Where the Electron binary is, and the one sentence a person gets when there is none. Plain JavaScript:
// the install step and `npm start` use it before anything is built.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
/** Where the install step leaves the reason, so `npm start` can say the same sentence later. */
const REASON_FILE = fileURLToPath(
  new URL('../node_modules/.cache/cnn-workbench/no-electron.txt', import.meta.url)
)

export function rememberMissingReason(reason) {
  try {
    mkdirSync(path.dirname(REASON_FILE), { recursive: true })
    writeFileSync(REASON_FILE, reason)
  } catch {
    // Only the wording of a later message depends on it.
  }
}

export function rememberedMissingReason() {
  try {
    return readFileSync(REASON_FILE, 'utf8').trim() || null
  } catch {
    return null
  }
}

/** The Electron executable, or null when its download was skipped or failed. */
export function electronBinaryPath() {
  try {
    // The `electron` package exports its binary's path, and throws when the binary was never extracted.
    const found = require('electron')
    return typeof found === 'string' && existsSync(found) ? found : null
  } catch {
    return null
  }
}

/** Why there is no binary, in a few words: the environment variable or the download's own error. */
export function missingBinaryReason(downloadError) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'ELECTRON_SKIP_BINARY_DOWNLOAD is set'
  if (downloadError) return `the Electron binary could not be downloaded: ${downloadError}`
  return 'the Electron binary is not installed; "npm run postinstall" downloads it'
}

export function desktopUnavailableSentence(reason) {
  return (
    `The desktop app is unavailable on this machine (${reason}); ` +
    'serve mode ("npm run serve") and the command line ("npm run cli") work.'
  )
}

/** The meaningful line of an installer's error output, e.g. "getaddrinfo ENOTFOUND github.com". */
export function downloadErrorOf(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const error = lines.find((line) => /^(\w*Error|RequestError|HTTPError)\b[:\s]/.test(line)) ?? lines[0]
  return error ? error.replace(/^\w*Error:\s*/, '') : null
}
