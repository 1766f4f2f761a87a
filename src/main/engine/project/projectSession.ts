import path from 'node:path'
import type { RouteOutput } from '../../../shared/contract'
import { buildTemplate } from '../../../shared/network'
import {
  PROJECT_FILE,
  PROJECT_RUNS_DIR,
  projectFromContent,
  type ProjectContent,
  type ProjectFile
} from '../../../shared/project'
import { WorkbenchError } from '../../../shared/workbenchError'
import { makeFolder } from '../files/writeTarget'
import type { RunsLocation } from '../runsLocation'
import { copyRuns } from './copyRuns'
import {
  checkProjectFolder,
  hasProjectFile,
  readProjectFolder,
  removeStaleTemporaries,
  writeProjectFile
} from './projectFolder'
import type { RecentProjects } from './recentProjects'
import type { SessionRunCarrier } from './sessionRunCarrier'

/** A new project without content starts as the app does: no dataset, no augmentation, the lecture network. */
const EMPTY_CONTENT = (): ProjectContent => ({
  dataset: null,
  augment: { ops: [] },
  augmentSeed: 1,
  network: buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10),
  training: null
})

type OpenProject = NonNullable<RouteOutput<'project.current'>>

interface Current {
  folder: string
  project: ProjectFile
  migratedFrom: number | null
}

/**
 * The one project the engine holds open. Opening one points the runs location at its `runs/` folder, so
 * training writes there and the run list shows its runs; saves are queued so they never overlap. The
 * first save of an unsaved session carries the runs it trained into the project.
 */
export class ProjectSession {
  private current: Current | null = null
  private saving: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly runs: RunsLocation,
    private readonly recent: RecentProjects,
    private readonly carrier: SessionRunCarrier
  ) {}

  /** Without an open project, the session's runs move into the new project's runs folder. */
  private async carrySessionRuns(folder: string): Promise<number> {
    if (this.current) return 0
    const { moved, waiting } = await this.carrier.carryInto(path.join(folder, PROJECT_RUNS_DIR))
    return moved + waiting
  }

  describe(): OpenProject | null {
    const c = this.current
    if (!c) return null
    return { ...c, runsDir: this.runs.dir }
  }

  private async adopt(
    folder: string,
    project: ProjectFile,
    migratedFrom: number | null
  ): Promise<OpenProject> {
    const runsDir = path.join(folder, PROJECT_RUNS_DIR)
    await makeFolder(runsDir, 'the project’s runs')
    await removeStaleTemporaries(folder)
    this.current = { folder, project, migratedFrom }
    this.runs.set(runsDir)
    await this.recent
      .touch(folder, project.name)
      .catch((err: unknown) => console.error('[project] the recent list was not updated:', err))
    return { folder, project, migratedFrom, runsDir }
  }

  async create(
    rawFolder: string,
    name: string | undefined,
    content: ProjectContent | undefined
  ): Promise<OpenProject & { carriedRuns: number }> {
    const folder = checkProjectFolder(rawFolder)
    if (await hasProjectFile(folder)) {
      throw new WorkbenchError(
        'bad-input',
        `${folder} already holds a project (${PROJECT_FILE}). Open it, or choose an empty folder.`
      )
    }
    await makeFolder(folder, 'a project')
    const carriedRuns = await this.carrySessionRuns(folder)
    const now = new Date().toISOString()
    const project = projectFromContent(name ?? path.basename(folder), content ?? EMPTY_CONTENT(), now)
    await writeProjectFile(folder, project)
    return { ...(await this.adopt(folder, project, null)), carriedRuns }
  }

  async open(rawFolder: string): Promise<OpenProject> {
    const folder = checkProjectFolder(rawFolder)
    const { project, migratedFrom } = await readProjectFolder(folder)
    // The unsaved session is left: its runs stay in the default runs folder.
    this.runs.forgetSessionRuns()
    return this.adopt(folder, project, migratedFrom)
  }

  /** Saves into the open project, or into `folder` when the engine (restarted) holds none. */
  save(project: ProjectFile, rawFolder?: string): Promise<OpenProject> {
    const next = this.saving.then(async () => {
      const folder = rawFolder ? checkProjectFolder(rawFolder) : this.current?.folder
      if (!folder)
        throw new WorkbenchError('bad-input', 'No project is open: use "Save as" to choose its folder.')
      if (!this.current || this.current.folder !== folder) {
        if (!(await hasProjectFile(folder)))
          throw new WorkbenchError('not-found', `${folder} holds no project any more; use "Save as".`)
        await this.open(folder)
      }
      const migratedFrom = this.current?.migratedFrom ?? null
      const saved = await writeProjectFile(
        folder,
        { ...project, updatedAt: new Date().toISOString() },
        migratedFrom
      )
      this.current = { folder, project: saved, migratedFrom: null }
      return { folder, project: saved, migratedFrom: null, runsDir: this.runs.dir }
    })
    this.saving = next.catch(() => {})
    return next
  }

  /**
   * Writes the project into another folder, then opens it there. The runs of the open project are copied
   * along (the old project keeps its own); an unsaved session's runs are moved in.
   * project.json is written last, so a folder holding one is always complete.
   */
  async saveAs(
    rawFolder: string,
    project: ProjectFile
  ): Promise<OpenProject & { copiedRuns: number; carriedRuns: number }> {
    const folder = checkProjectFolder(rawFolder)
    if (this.current?.folder === folder)
      return { ...(await this.save(project)), copiedRuns: 0, carriedRuns: 0 }
    if (await hasProjectFile(folder)) {
      throw new WorkbenchError(
        'bad-input',
        `${folder} already holds a project (${PROJECT_FILE}). Choose an empty folder for "Save as".`
      )
    }
    await makeFolder(folder, 'a project')
    const copiedRuns = this.current ? await copyRuns(this.runs.dir, path.join(folder, PROJECT_RUNS_DIR)) : 0
    const carriedRuns = await this.carrySessionRuns(folder)
    const now = new Date().toISOString()
    const saved = await writeProjectFile(folder, { ...project, createdAt: now, updatedAt: now })
    return { ...(await this.adopt(folder, saved, null)), copiedRuns, carriedRuns }
  }
}
