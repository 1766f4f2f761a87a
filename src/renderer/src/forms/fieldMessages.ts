import type { z } from 'zod'

/** A schema's message as a sentence beside its field: a capital first letter and a full stop. */
export function asSentence(text: string): string {
  const t = text.trim()
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.')
}

/**
 * The first message of each field a schema refused; `fieldOf` says which field of the form shows the
 * message of a path in the parsed value (a form field may stand for a part of that value).
 */
export function messagesByField<F extends string>(
  error: z.ZodError,
  fieldOf: (path: readonly PropertyKey[]) => F
): Partial<Record<F, string>> {
  const messages: Partial<Record<F, string>> = {}
  for (const issue of error.issues) messages[fieldOf(issue.path)] ??= asSentence(issue.message)
  return messages
}

/**
 * A number box's value as a number, undefined when it is blank, NaN when it holds something else.
 * Vue's v-model gives a number box's value as a number, or as the text it could not read ('' when
 * cleared).
 */
export function numberOrBlank(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'number') return value
  return value.trim() === '' ? undefined : Number(value)
}
