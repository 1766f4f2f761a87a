import type { EventPayload } from '../../../../shared/contract'

type OpProgress = EventPayload<'op.progress'>

/** What the import is doing, in words: a count while the total is unknown, "done / total" once it is. */
export function importProgressText(p: OpProgress | null): string {
  if (!p) return 'Starting…'
  const done = p.done.toLocaleString('en-US')
  if (p.phase === 'cache') return 'Reading the decoded images from the cache…'
  if (p.phase === 'scan')
    return p.total > 0
      ? `Found ${p.total.toLocaleString('en-US')} files`
      : `Looking for images: ${done} ${p.done === 1 ? 'file' : 'files'} found so far`
  const what = p.phase === 'decode' ? 'Decoding images' : p.phase
  return p.total > 0 ? `${what}: ${done} / ${p.total.toLocaleString('en-US')}` : `${what}: ${done}`
}

/** Time left, only while there is a known amount of work left. */
export function importEtaText(p: OpProgress | null): string {
  const s = p?.etaSeconds
  if (!p || p.total === 0 || p.done >= p.total || s === null || s === undefined) return ''
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s left` : `${Math.ceil(s)} s left`
}

/** The share done, or null while it cannot be known (the bar then shows that work goes on). */
export function importFraction(p: OpProgress | null): number | null {
  if (!p || p.total === 0 || p.phase === 'cache') return null
  return Math.min(1, p.done / p.total)
}
