import { lstatSync, type Dirent, type Stats } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { throwIfAborted } from './datasetErrors'
import type { ImportContext } from './progressReporter'

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.jfif', '.webp', '.gif', '.tif', '.tiff'])

export interface Found {
  path: string
  absolute: string
  stats: Stats
}

export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
}

/** Walks folders with lstat; links are followed only inside the root, and each real folder once. */
export class Walker {
  readonly visited = new Set<string>()
  /** Image files found so far, for progress. */
  count = 0
  constructor(
    readonly rootReal: string,
    private readonly ctx: ImportContext & { report: (count: number) => void }
  ) {}

  /** The entry itself, or what its link points to when that stays inside the root. */
  async resolve(absolute: string, entry: Dirent): Promise<{ real: string; stats: Stats } | null> {
    if (!entry.isSymbolicLink()) return { real: absolute, stats: lstatSync(absolute) }
    const real = await realpath(absolute).catch(() => null)
    if (!real || !isInside(this.rootReal, real)) return null
    return { real, stats: await stat(real) }
  }

  async walk(real: string, absolute: string, relative: string, out: Found[]): Promise<void> {
    if (this.visited.has(real)) return
    this.visited.add(real)
    const entries = await readdir(absolute, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const name = entry.name
      if (name.startsWith('.')) continue
      // String concatenation rather than path.join: this loop runs once per file of the dataset.
      const childAbsolute = absolute + path.sep + name
      const childRelative = `${relative}/${name}`
      if (entry.isFile()) {
        if (!IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue
        out.push({ path: childRelative, absolute: childAbsolute, stats: lstatSync(childAbsolute) })
        if (++this.count % 2000 === 0) await this.pause()
      } else if (entry.isDirectory()) {
        await this.walk(real + path.sep + name, childAbsolute, childRelative, out)
      } else if (entry.isSymbolicLink()) {
        const resolved = await this.resolve(childAbsolute, entry)
        if (!resolved) continue
        if (resolved.stats.isDirectory()) {
          await this.walk(resolved.real, childAbsolute, childRelative, out)
        } else if (resolved.stats.isFile() && IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) {
          out.push({ path: childRelative, absolute: childAbsolute, stats: resolved.stats })
          if (++this.count % 2000 === 0) await this.pause()
        }
      }
    }
  }

  /** Lets an abort or a progress listener in between the synchronous lstat calls. */
  private async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    throwIfAborted(this.ctx.signal)
    this.ctx.report(this.count)
  }
}
