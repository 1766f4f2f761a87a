// Installs sharp's WebAssembly build into vendor/sharp-wasm32. npm leaves it out of the main tree because
// its package.json says `cpu: wasm32`, and `--cpu=wasm32` for the whole project would drop the native
// packages instead; so it gets a tiny project of its own, installed from its own lockfile with
// `--cpu=wasm32`. The engine decodes with it where native sharp would clash with the system GLib.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
export const decoderDir = path.join(root, 'vendor', 'sharp-wasm32')

function wanted() {
  return JSON.parse(readFileSync(path.join(decoderDir, 'package.json'), 'utf8')).optionalDependencies[
    '@img/sharp-wasm32'
  ]
}

export function installedDecoderVersion() {
  const manifest = path.join(decoderDir, 'node_modules', '@img', 'sharp-wasm32', 'package.json')
  if (!existsSync(manifest)) return null
  return JSON.parse(readFileSync(manifest, 'utf8')).version
}

/** Installs it unless the right version is there; returns null on success, else why it failed. */
export function installSharpWasmDecoder() {
  if (installedDecoderVersion() === wanted()) return null
  const npmCli = process.env.npm_execpath
  const args = [
    'ci',
    '--prefix',
    decoderDir,
    '--cpu=wasm32',
    '--include=optional',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error'
  ]
  const result =
    npmCli && /\.c?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, ...args], { encoding: 'utf8' })
      : spawnSync('npm', args, { encoding: 'utf8', shell: process.platform === 'win32' })
  if (result.status === 0 && installedDecoderVersion() === wanted()) return null
  const output = `${result.stderr ?? ''}\n${result.error?.message ?? ''}`
  const line = output
    .split('\n')
    .map((l) => l.replace(/^npm error\s*/, '').trim())
    .find((l) => l !== '' && !/^(code|A complete log)/.test(l))
  return line ?? `npm exited with ${result.status}`
}
