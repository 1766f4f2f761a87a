import { lstatSync, type Dirent, type Stats } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImportReport } from '../../../shared/datasetSchemas'
import { fileErrorInWords } from '../files/fileErrors'
import { systemViewOf } from '../files/systemViews'
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

/** Entries (of any kind) between two looks at the abort signal and the progress listener. */
const ENTRIES_PER_PAUSE = 256

/** Why a folder was not read, in words ("the folder cannot be read: permission was denied"). */
export function unreadableFolder(error: unknown): string {
  return `the folder cannot be read: ${fileErrorInWords(error) ?? (error as Error).message}`
}

/**
 * Walks folders with lstat; links are followed only inside the root, and each real folder once. A folder
 * it cannot read, or a view of the running system (/proc, /sys, /dev, unless the dataset is inside one),
 * is listed in `skipped` with the reason and the walk goes on. It pauses every few hundred entries, so a
 * walk through a large tree with few images still reports progress and stops soon after a cancel.
 */
export class Walker {
  readonly visited = new Set<string>()
  readonly skipped: ImportReport['skipped'] = []
  /** Image files found so far, for progress. */
  count = 0
  private entries = 0
  constructor(
    readonly rootReal: string,
    private readonly ctx: ImportContext & { report: (count: number) => void }
  ) {}

  /** The entry itself, or what its link points to when that stays inside the root. */
  async resolve(absolute: string, entry: Dirent): Promise<{ real: string; stats: Stats } | null> {
    try {
      if (!entry.isSymbolicLink()) return { real: absolute, stats: lstatSync(absolute) }
      const real = await realpath(absolute).catch(() => null)
      if (!real || !isInside(this.rootReal, real)) return null
      return { real, stats: await stat(real) }
    } catch {
      return null // gone since it was listed, or not ours to look at
    }
  }

  /** Whether a folder is to be walked; a system view outside the dataset is recorded as skipped instead. */
  private walkable(real: string, relative: string): boolean {
    const view = systemViewOf(real)
    if (!view || isInside(view, this.rootReal)) return true
    this.skipped.push({
      path: `${relative}/`,
      reason: `${view} is a view of the running system, not a folder of images`
    })
    return false
  }

  async walk(real: string, absolute: string, relative: string, out: Found[]): Promise<void> {
    if (this.visited.has(real)) return
    this.visited.add(real)
    if (!this.walkable(real, relative)) return
    let entries: Dirent[]
    try {
      entries = await readdir(absolute, { withFileTypes: true })
    } catch (error) {
      this.skipped.push({ path: `${relative}/`, reason: unreadableFolder(error) })
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const name = entry.name
      if (++this.entries % ENTRIES_PER_PAUSE === 0) await this.pause()
      if (name.startsWith('.')) continue
      // String concatenation rather than path.join: this loop runs once per file of the dataset.
      const childAbsolute = absolute + path.sep + name
      const childRelative = `${relative}/${name}`
      if (entry.isFile()) {
        if (!IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) continue
        const stats = this.lstat(childAbsolute, childRelative)
        if (stats) out.push({ path: childRelative, absolute: childAbsolute, stats })
        this.count++
      } else if (entry.isDirectory()) {
        await this.walk(real + path.sep + name, childAbsolute, childRelative, out)
      } else if (entry.isSymbolicLink()) {
        const resolved = await this.resolve(childAbsolute, entry)
        if (!resolved) continue
        if (resolved.stats.isDirectory()) {
          await this.walk(resolved.real, childAbsolute, childRelative, out)
        } else if (resolved.stats.isFile() && IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase())) {
          out.push({ path: childRelative, absolute: childAbsolute, stats: resolved.stats })
          this.count++
        }
      }
    }
  }

  /** lstat, or null with the file listed as skipped when it cannot be looked at. */
  private lstat(absolute: string, relative: string): Stats | null {
    try {
      return lstatSync(absolute)
    } catch (error) {
      this.skipped.push({
        path: relative,
        reason: `the file cannot be read: ${fileErrorInWords(error) ?? (error as Error).message}`
      })
      return null
    }
  }

  /** Lets an abort or a progress listener in between the synchronous lstat calls. */
  private async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    throwIfAborted(this.ctx.signal)
    this.ctx.report(this.count)
  }
}
