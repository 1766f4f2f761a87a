// The CLI, serve mode and the desktop app run the build in out/: build it first when it is missing or
// older than its sources. Used by bin/cnn-workbench.mjs (so `npm run serve` and `npm run cli`), and runnable
// on its own.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runForwardingSignals } from './forwardSignals.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
/** Written by every build: the outputs the commands start from. */
const BUILT = ['out/main/cli.js', 'out/main/engine.js', 'out/renderer/index.html']
const CONFIG = ['electron.vite.config.ts', 'package.json']
/** The renderer matters to serve mode only; the other commands skip looking at it, to start sooner. */
const CODE = { all: ['src'], withoutRenderer: ['src/main', 'src/shared'] }

function newestMtime(p) {
  const stat = statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)))
  return newest
}

/**
 * Whether out/ is missing a part or is older than a source file; false where there are no sources.
 * `renderer: false` ignores the renderer's sources (commands other than serve do not use them).
 */
export function buildIsStale(dir = root, { renderer = true } = {}) {
  const code = renderer ? CODE.all : CODE.withoutRenderer
  const sources = [...code, ...CONFIG].map((s) => path.join(dir, s)).filter((p) => existsSync(p))
  if (!existsSync(path.join(dir, 'src'))) return false
  const built = BUILT.map((b) => path.join(dir, b))
  if (!built.every((b) => existsSync(b))) return true
  const oldestBuilt = Math.min(...built.map((b) => statSync(b).mtimeMs))
  return Math.max(...sources.map(newestMtime)) > oldestBuilt
}

/** Builds out/ when stale; resolves with 0, or the build's exit code (its output goes to stderr). */
export async function buildIfStale(dir = root, options = {}) {
  if (!buildIsStale(dir, options)) return 0
  const viteCli = path.join(dir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  if (!existsSync(viteCli)) return -1
  process.stderr.write('Building the app into out/ (its sources changed)…\n')
  // The build's progress goes to stderr, so a command's stdout (e.g. --json) stays clean.
  const { code } = await runForwardingSignals(process.execPath, [viteCli, 'build'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    stdoutToStderr: true
  })
  return code
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await buildIfStale()
}
