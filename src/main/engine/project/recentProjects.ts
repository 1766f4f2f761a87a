import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { RecentList, type RecentProject } from '../../../shared/project'
import { makeFolder } from '../files/writeTarget'
import { writeJsonAtomic } from '../training/runFolder'
import { hasProjectFile } from './projectFolder'

export const RECENT_FILE = 'recent.json'
export const RECENT_LIMIT = 12

/**
 * The recent-projects list in the app's data folder. Writes are queued one after another and atomic,
 * so two quick opens never interleave and a crash leaves the old list or the new one.
 */
export class RecentProjects {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly dataDir: string) {}

  get file(): string {
    return path.join(this.dataDir, RECENT_FILE)
  }

  /** Newest first; an unreadable list counts as empty (it is only a convenience). */
  async read(): Promise<RecentProject[]> {
    try {
      const parsed = RecentList.safeParse(JSON.parse(await readFile(this.file, 'utf8')))
      return parsed.success ? parsed.data.projects : []
    } catch {
      return []
    }
  }

  /** The list, each entry saying whether its folder still holds a project. */
  async list(): Promise<(RecentProject & { exists: boolean })[]> {
    const projects = await this.read()
    return Promise.all(projects.map(async (p) => ({ ...p, exists: await hasProjectFile(p.folder) })))
  }

  /** Puts a project at the top of the list (once), dropping the oldest beyond RECENT_LIMIT. */
  touch(folder: string, name: string): Promise<void> {
    const next = this.queue.then(async () => {
      const others = (await this.read()).filter((p) => p.folder !== folder)
      const projects = [{ folder, name, openedAt: new Date().toISOString() }, ...others].slice(
        0,
        RECENT_LIMIT
      )
      await makeFolder(this.dataDir, 'the list of recent projects')
      await writeJsonAtomic(this.file, { version: 1, projects } satisfies RecentList)
    })
    this.queue = next.catch(() => {})
    return next
  }
}
