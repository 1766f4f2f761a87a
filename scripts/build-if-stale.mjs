// Serve mode serves the built renderer: build it first when it is missing or older than its sources.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const built = 'out/renderer/index.html'

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

const stale =
  !existsSync(built) ||
  newestMtime('src/renderer') > statSync(built).mtimeMs ||
  newestMtime('src/shared') > statSync(built).mtimeMs
if (stale) {
  console.error('Building the app (out/) for serve mode…')
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit'
  })
}
