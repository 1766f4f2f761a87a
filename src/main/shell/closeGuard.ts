import type { Transport } from '../../shared/client'

/** The window as the guard uses it; Electron's BrowserWindow fits. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  close(): void
}

const ACTIVE = new Set(['running', 'paused'])

/**
 * Which runs are training, from the engine's training.run events (the one source of a run's state). A
 * crashed engine trains nothing any more.
 */
export function trackActiveRuns(contract: Transport): { active(): string[]; stop(): void } {
  const runs = new Set<string>()
  const offRuns = contract.subscribe('training.run', (payload) => {
    const { id, status } = payload as { id: string; status: string }
    if (ACTIVE.has(status)) runs.add(id)
    else runs.delete(id)
  })
  const offStatus = contract.subscribe('engine.status', (payload) => {
    if ((payload as { state: string }).state !== 'ready') runs.clear()
  })
  return {
    active: () => [...runs],
    stop: () => {
      offRuns()
      offStatus()
    }
  }
}

export interface CloseGuardDeps {
  activeRuns(): string[]
  /** Asks the person; true means close anyway. */
  confirm(runs: number): Promise<boolean>
  /** Stops the runs cleanly (a checkpoint, status "stopped") before the window goes. */
  stopRuns(runIds: string[]): Promise<void>
}

/**
 * Closing the window while a run trains asks first; on "close anyway" the runs are stopped the way the
 * Stop button stops them, so they can be continued later, and the window closes.
 */
export function guardClose(win: GuardedWindow, deps: CloseGuardDeps): void {
  let allowed = false
  let asking = false
  win.on('close', (event) => {
    if (allowed) return
    const runs = deps.activeRuns()
    if (runs.length === 0) return
    event.preventDefault()
    if (asking) return
    asking = true
    void deps
      .confirm(runs.length)
      .then(async (close) => {
        if (!close) return
        await deps.stopRuns(runs)
        allowed = true
        win.close()
      })
      .finally(() => (asking = false))
  })
}

/** The native question, as the dialog's message and buttons (index 1 closes). */
export function closeQuestion(runs: number) {
  return {
    type: 'warning' as const,
    buttons: ['Keep training', 'Stop and close'],
    defaultId: 0,
    cancelId: 0,
    message: runs === 1 ? 'A run is still training.' : `${runs} runs are still training.`,
    detail: 'Closing the window stops training after saving a checkpoint; you can continue the run later.'
  }
}

/** Asks the engine to stop each run and waits (up to `limitMs`) for the runs to leave the active list. */
export async function stopRunsAndWait(
  contract: Transport,
  runIds: string[],
  activeRuns: () => string[],
  limitMs = 15_000
): Promise<void> {
  await Promise.all(runIds.map((runId) => contract.invoke('training.control', { runId, action: 'stop' })))
  const deadline = Date.now() + limitMs
  while (runIds.some((id) => activeRuns().includes(id)) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100))
}
