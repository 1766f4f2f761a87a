export type ImportPhase = 'scan' | 'decode' | 'cache'

export interface ImportProgress {
  phase: ImportPhase
  done: number
  /** 0 while the scan does not know yet how many files there are. */
  total: number
}

/** What long dataset operations accept from their caller. */
export interface ImportContext {
  onProgress?: (progress: ImportProgress) => void
  signal?: AbortSignal
}

const MIN_INTERVAL_MS = 50

/**
 * Throttles progress to at most ~20 reports a second so that a fast import does not flood
 * the IPC channel; the first and the final report of each phase always go through.
 */
export function progressReporter(onProgress: ImportContext['onProgress']) {
  let lastAt = 0
  let lastPhase: ImportPhase | null = null
  return (phase: ImportPhase, done: number, total: number): void => {
    if (!onProgress) return
    const now = performance.now()
    const isEdge = phase !== lastPhase || (total > 0 && done >= total)
    if (!isEdge && now - lastAt < MIN_INTERVAL_MS) return
    lastAt = now
    lastPhase = phase
    onProgress({ phase, done, total })
  }
}
