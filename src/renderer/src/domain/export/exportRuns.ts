import { shortRunId } from '../../../../shared/training/runName'
import type { RunJson } from '../../../../shared/training'

/** Runs that ended with trained weights, which is what export and prediction need. */
export function exportableRuns(runs: readonly RunJson[]): RunJson[] {
  return runs.filter((r) => (r.status === 'completed' || r.status === 'stopped') && r.epochsCompleted > 0)
}

/** The newest completed run, else the newest stopped one; `runs` is newest first. */
export function defaultRunId(runs: readonly RunJson[]): string | null {
  const usable = exportableRuns(runs)
  return (usable.find((r) => r.status === 'completed') ?? usable[0])?.id ?? null
}

export function runLabel(run: RunJson): string {
  const date = new Date(run.createdAt)
  const when = Number.isNaN(date.getTime())
    ? run.createdAt
    : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
  const acc = run.final?.testAccuracy
  const accuracy = acc === null || acc === undefined ? '' : ` · test ${(acc * 100).toFixed(1)}%`
  return `${shortRunId(run.id)} · ${when} · ${run.status}${accuracy} · ${run.dataset.classNames.length} classes`
}

/**
 * Where an export goes unless the person picks another folder: inside the run's own folder, so the
 * model stays next to the run that made it. Uses the separator the backend's paths already use.
 */
export function defaultExportPath(runsDir: string, runId: string, format: string): string {
  const sep = runsDir.includes('\\') && !runsDir.includes('/') ? '\\' : '/'
  const base = runsDir.endsWith(sep) ? runsDir.slice(0, -1) : runsDir
  return [base, runId, 'exports', format].join(sep)
}
