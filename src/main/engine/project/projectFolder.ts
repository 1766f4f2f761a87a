import { copyFile, readdir, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { PROJECT_FILE, ProjectFile, readProjectText } from '../../../shared/project'
import { WorkbenchError } from '../../../shared/workbenchError'
import { writeJsonAtomic } from '../training/runFolder'

export interface ReadProject {
  project: ProjectFile
  migratedFrom: number | null
}

export const projectFilePath = (folder: string): string => path.join(folder, PROJECT_FILE)

/** A project folder is named by a full path: a relative one would depend on where the engine started. */
export function checkProjectFolder(folder: string): string {
  if (!path.isAbsolute(folder))
    throw new WorkbenchError('bad-input', `Give the project folder as a full path ("${folder}" is relative).`)
  return path.normalize(folder)
}

export async function hasProjectFile(folder: string): Promise<boolean> {
  return stat(projectFilePath(folder)).then(
    (s) => s.isFile(),
    () => false
  )
}

/** Reads and migrates a project.json; a file that cannot be read safely is refused and never written. */
export async function readProjectFolder(folder: string): Promise<ReadProject> {
  const file = projectFilePath(folder)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new WorkbenchError('not-found', `${folder} holds no project (there is no ${PROJECT_FILE}).`)
    throw new WorkbenchError('failed', `${file} cannot be read: ${(err as Error).message}`)
  }
  const result = readProjectText(text, file)
  if (!result.ok) throw new WorkbenchError('bad-input', result.message)
  return { project: result.project, migratedFrom: result.migratedFrom }
}

/**
 * Writes project.json atomically (temp file, fsync, rename). The first write over a file of an older
 * version keeps that file as `project.v<N>.json`, so an older app can still open its copy.
 */
export async function writeProjectFile(
  folder: string,
  project: ProjectFile,
  migratedFrom: number | null = null
): Promise<ProjectFile> {
  const checked = ProjectFile.parse(project)
  const file = projectFilePath(folder)
  if (migratedFrom !== null) {
    const backup = path.join(folder, `project.v${migratedFrom}.json`)
    if (
      !(await stat(backup).then(
        () => true,
        () => false
      ))
    )
      await copyFile(file, backup).catch(() => {})
  }
  await writeJsonAtomic(file, checked)
  return checked
}

/**
 * Removes temporary files of project.json writes that were killed before their rename. Only old ones:
 * a younger one may belong to a save in progress elsewhere.
 */
export async function removeStaleTemporaries(folder: string, olderThanMs = 60_000): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[])
  let removed = 0
  for (const name of names) {
    if (!/^project\.json\.\d+$/.test(name)) continue
    const file = path.join(folder, name)
    const age =
      Date.now() -
      (await stat(file).then(
        (s) => s.mtimeMs,
        () => Date.now()
      ))
    if (age < olderThanMs) continue
    await rm(file, { force: true })
    removed++
  }
  return removed
}
