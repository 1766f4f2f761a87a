import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import { DatasetOpenOptions, DatasetSource } from '../datasetSchemas'
import { NetworkSpec } from '../network/networkSpec'
import { TrainingSettings } from '../training/trainingSettings'

/**
 * `project.json`, the public file of a project folder (runs live beside it in `runs/<id>/`).
 * Fields are only ever added; a change that old readers could misread bumps `version` and gets a
 * migration in `migrateProject.ts`.
 */
export const PROJECT_VERSION = 2
export const PROJECT_FILE = 'project.json'
export const PROJECT_RUNS_DIR = 'runs'

/** The dataset a project works on: enough to open the same images again. */
export const ProjectDataset = z.object({
  source: DatasetSource,
  options: DatasetOpenOptions.default({})
})
export type ProjectDataset = z.infer<typeof ProjectDataset>

export const ProjectName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { error: 'a project needs a name' })
  .max(200, { error: 'a project name has at most 200 characters' })

export const ProjectFile = z.object({
  version: z.literal(PROJECT_VERSION),
  name: ProjectName,
  createdAt: z.string(),
  updatedAt: z.string(),
  dataset: ProjectDataset.nullable(),
  augment: AugmentSpec,
  /** The seed the Augment room previews with, so the same variants come back. */
  augmentSeed: z.number().int().default(1),
  network: NetworkSpec,
  /** The Train room's settings; null when they have never been valid. */
  training: TrainingSettings.nullable().default(null)
})
export type ProjectFile = z.infer<typeof ProjectFile>
export type ProjectFileInput = z.input<typeof ProjectFile>

/** What the app saves of its rooms; the file adds its version, name and dates around it. */
export const ProjectContent = ProjectFile.pick({
  dataset: true,
  augment: true,
  augmentSeed: true,
  network: true,
  training: true
})
export type ProjectContent = z.infer<typeof ProjectContent>

export function projectFromContent(
  name: string,
  content: ProjectContent,
  createdAt: string,
  updatedAt = createdAt
): ProjectFile {
  return ProjectFile.parse({ ...content, version: PROJECT_VERSION, name, createdAt, updatedAt })
}

/** One line of the recent-projects menu. */
export const RecentProject = z.object({
  folder: z.string(),
  name: z.string(),
  openedAt: z.string()
})
export type RecentProject = z.infer<typeof RecentProject>

export const RecentList = z.object({
  version: z.literal(1),
  projects: z.array(RecentProject)
})
export type RecentList = z.infer<typeof RecentList>
