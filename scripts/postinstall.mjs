// The project's own install step. It never fails the install: a part that cannot be fetched here is
// reported in one sentence, and what works without it (serve mode, the command line) still installs.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
  desktopUnavailableSentence,
  downloadErrorOf,
  electronBinaryPath,
  missingBinaryReason,
  rememberMissingReason
} from './electronBinary.mjs'
import { installSharpWasmDecoder } from './sharpWasmDecoder.mjs'

const require = createRequire(import.meta.url)
const decoderOnly = process.argv.includes('--decoder-only')

// On Linux the desktop engine decodes with sharp's WebAssembly build when no Node.js runs it.
if (process.platform === 'linux' || decoderOnly) {
  const problem = installSharpWasmDecoder()
  if (problem !== null) {
    console.warn(
      `sharp's WebAssembly build could not be installed (${problem}); the desktop app needs it only on Linux without Node.js ≥ 20.19, and "npm run install:decoder" tries again.`
    )
    if (decoderOnly) process.exitCode = 1
  }
}

if (!decoderOnly) {
  // Electron's own install script is denied in allowScripts so that its download failing cannot fail
  // the whole install; it runs here instead, where a failure costs only the desktop app.
  let downloadError = null
  let installer = null
  try {
    installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js')
  } catch {
    downloadError = null
  }
  if (installer !== null && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    const result = spawnSync(process.execPath, [installer], { encoding: 'utf8' })
    if (result.status !== 0) downloadError = downloadErrorOf(`${result.stderr}\n${result.stdout}`)
  }
  if (electronBinaryPath() === null) {
    const reason =
      installer === null ? 'the electron package is not installed' : missingBinaryReason(downloadError)
    rememberMissingReason(reason)
    console.warn(desktopUnavailableSentence(reason))
  }
}
