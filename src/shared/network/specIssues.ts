import type { z } from 'zod'

/** `['layers', 2, 'filters']` → `layers[2].filters`; numbers become indexes. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** One zod issue as a sentence a student can act on, without the path. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ')
      return issue.keys.length === 1
        ? `unknown setting ${keys}; check its spelling (settings use Keras names such as "kernelSize")`
        : `unknown settings ${keys}; check their spelling (settings use Keras names such as "kernelSize")`
    }
    case 'too_big':
    case 'too_small':
      if (issue.origin === 'array' && issue.path.length > 0) {
        return issue.message.startsWith('Too') ? 'must be a pair [height, width], e.g. [3, 3]' : issue.message
      }
      return issue.message
    default:
      return issue.message
  }
}

/** "layers[2].filters: must be a positive whole number", with `prefix` put before the issue's own path. */
export function formatIssue(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string {
  const path = formatIssuePath([...prefix, ...issue.path])
  const message = describeIssue(issue)
  return path === '' ? message : `${path}: ${message}`
}
