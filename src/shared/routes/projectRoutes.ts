import { z } from 'zod'
import { ProjectContent, ProjectFile, ProjectName, RecentProject } from '../project/projectSchema'
import { Empty, type RouteSchemas } from './routeParts'

/** A project as the engine holds it open: its folder, its file, and where its runs go. */
const OpenProject = z.object({
  folder: z.string(),
  project: ProjectFile,
  runsDir: z.string(),
  /** The version the file had when opened, when it was older (it is rewritten as current on the next save). */
  migratedFrom: z.number().int().nullable()
})

const ProjectFolder = z.string().min(1, { error: 'give the project folder' })

/** Project folders: creating, opening, saving and the recent list. */
export const projectRoutes = {
  /**
   * Creates a project folder (made if missing) holding `content` (default: an empty session) and opens it.
   * A folder that already holds a project.json is refused. The runs trained while no project was open
   * move into its `runs/` (`carriedRuns`; one still training moves when it ends).
   */
  'project.new': {
    input: z.object({
      folder: ProjectFolder,
      name: ProjectName.optional(),
      content: ProjectContent.optional()
    }),
    output: OpenProject.extend({ carriedRuns: z.number().int() })
  },
  /** Reads (and migrates) a project; its runs folder becomes where runs are written and listed. */
  'project.open': {
    input: z.object({ folder: ProjectFolder }),
    output: OpenProject
  },
  /**
   * Writes project.json of the open project atomically. `folder` names the project the caller means, so
   * a restarted engine (which holds no project) takes it up again instead of failing.
   */
  'project.save': {
    input: z.object({ project: ProjectFile, folder: ProjectFolder.optional() }),
    output: OpenProject
  },
  /**
   * Writes the project into another folder, copying its runs (or moving an unsaved session's runs, as
   * `project.new` does), and makes that the open project.
   */
  'project.saveAs': {
    input: z.object({ folder: ProjectFolder, project: ProjectFile }),
    output: OpenProject.extend({ copiedRuns: z.number().int(), carriedRuns: z.number().int() })
  },
  'project.recent': {
    input: Empty,
    output: z.object({ projects: z.array(RecentProject.extend({ exists: z.boolean() })) })
  },
  'project.current': {
    input: Empty,
    output: OpenProject.nullable()
  }
} satisfies RouteSchemas
