import type { z } from 'zod'
import { PROJECT_VERSION, ProjectFile } from './projectSchema'
import { migrateV1, ProjectFileV1 } from './projectV1'

export type ProjectTextResult =
  | { ok: true; project: ProjectFile; migratedFrom: number | null }
  | { ok: false; problem: 'corrupt' | 'newer'; message: string }

const UNTOUCHED = 'The file was left as it is.'

/** `network.layers[2].filters: must be …`, as a person reads a path. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      let where = ''
      for (const part of issue.path)
        where += typeof part === 'number' ? `[${part}]` : `${where ? '.' : ''}${String(part)}`
      return where ? `${where}: ${issue.message}` : issue.message
    })
    .join('; ')
}

/**
 * Reads the text of a project.json of any known version and brings it to the current one. A file this
 * app cannot read safely (bad JSON, schema errors, a newer version) is refused with a sentence saying
 * why; nothing here writes, so the caller can leave the file untouched.
 */
export function readProjectText(text: string, where: string): ProjectTextResult {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    return { ok: false, problem: 'corrupt', message: `${where} is not valid JSON (${detail}). ${UNTOUCHED}` }
  }
  const version =
    typeof raw === 'object' && raw !== null && 'version' in raw ? (raw as { version: unknown }).version : null
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: 'corrupt',
      message: `${where} is not a CNN Workbench project: it has no whole-number "version". ${UNTOUCHED}`
    }
  }
  if (version > PROJECT_VERSION) {
    return {
      ok: false,
      problem: 'newer',
      message:
        `${where} was written by a newer CNN Workbench (project version ${version}; this app reads up to ` +
        `version ${PROJECT_VERSION}). Update the app to open it. ${UNTOUCHED}`
    }
  }
  let candidate: unknown = raw
  if (version === 1) {
    const v1 = ProjectFileV1.safeParse(raw)
    if (!v1.success) {
      return {
        ok: false,
        problem: 'corrupt',
        message: `${where} (project version 1) has errors: ${describeIssues(v1.error)}. ${UNTOUCHED}`
      }
    }
    candidate = migrateV1(v1.data)
  }
  const parsed = ProjectFile.safeParse(candidate)
  if (!parsed.success) {
    return {
      ok: false,
      problem: 'corrupt',
      message: `${where} has errors: ${describeIssues(parsed.error)}. ${UNTOUCHED}`
    }
  }
  return { ok: true, project: parsed.data, migratedFrom: version === PROJECT_VERSION ? null : version }
}
