/** How the Train and Evaluate rooms write durations, sizes and figures. */

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—'
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}

export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined ? '—' : `${(fraction * 100).toFixed(digits)}%`
}

export function formatNumber(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits)
}

/** How far a run got: "3/5 epochs", or "1,200/20,000 steps" for a run trained by steps. */
export function runLength(run: {
  step: number
  epochsCompleted: number
  settings: { epochs: number; steps?: number | undefined }
}): string {
  const s = run.settings
  return s.steps === undefined
    ? `${run.epochsCompleted}/${s.epochs} epochs`
    : `${run.step.toLocaleString('en-US')}/${s.steps.toLocaleString('en-US')} steps`
}

/** Whether a run stopped before the length it was set to. */
export const runUnfinished = (run: Parameters<typeof runLength>[0]): boolean =>
  run.settings.steps === undefined ? run.epochsCompleted < run.settings.epochs : run.step < run.settings.steps

/** A learning rate such as 0.001 or 3.2e-5, short either way. */
export function formatRate(rate: number): string {
  return rate >= 0.001 ? String(Number(rate.toPrecision(3))) : rate.toExponential(2)
}

export function formatDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}
