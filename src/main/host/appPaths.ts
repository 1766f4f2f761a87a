import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Whether this code runs from the build in out/ (bundled .js) rather than from the .ts sources. */
export const runsFromBuild = !import.meta.url.endsWith('.ts')

/**
 * The folder holding the app's package.json: found by walking up, because built code sits at a different
 * depth (out/main/, out/main/chunks/) than the sources it was built from.
 */
export function appRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = start
  for (;;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }
      if (name === 'cnn-workbench') return dir
    }
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No cnn-workbench package.json above ${start}.`)
    dir = parent
  }
}
