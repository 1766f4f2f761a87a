import { NetworkSpec } from './networkSpec'
import { formatIssue } from './specIssues'

export type ParseSpecResult = { ok: true; spec: NetworkSpec } | { ok: false; errors: string[] }

/** Validates a spec object; errors read like "layers[2].filters: must be a positive whole number". */
export function parseSpec(value: unknown): ParseSpecResult {
  const result = NetworkSpec.safeParse(value)
  if (result.success) return { ok: true, spec: result.data }
  return { ok: false, errors: result.error.issues.map((issue) => formatIssue(issue)) }
}

/** Parses the text of a spec file: JSON syntax first, then every setting. */
export function parseSpecJson(text: string): ParseSpecResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, errors: [`the file is not valid JSON (${detail})`] }
  }
  return parseSpec(value)
}
