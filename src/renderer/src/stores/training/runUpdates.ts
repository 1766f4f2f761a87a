import type { TrainingProgress } from '../../../../shared/training'
import { useClient } from '../../client'

/** How often run.json is read while a run trains (its outcome and a crash are always written there). */
export const RUN_FILE_POLL_MS = 1500

/**
 * The subscription to training progress. Rooms that show it hold it (`retain`); a run still training
 * keeps it until it ends, so its curves stay whole while another room is open.
 */
export function createProgressListener(receive: (p: TrainingProgress) => void, training: () => boolean) {
  let holders = 0
  let unsubscribe: (() => void) | null = null

  function startListening(): void {
    unsubscribe ??= useClient().on('training.progress', receive)
  }
  function stopListening(): void {
    unsubscribe?.()
    unsubscribe = null
  }
  /** The run has ended: the subscription goes unless a room still holds it. */
  function stopUnlessHeld(): void {
    if (holders === 0) stopListening()
  }

  /** Keeps the subscription while a room shows it; the returned function lets go. */
  function retain(): () => void {
    holders++
    startListening()
    let released = false
    return () => {
      if (released) return
      released = true
      holders--
      if (holders === 0 && !training()) stopListening()
    }
  }

  return { startListening, stopUnlessHeld, retain }
}

/**
 * The end of a run (evaluation included) and a crashed training thread reach run.json even when no
 * event announces them, so `check` reads the run file every RUN_FILE_POLL_MS while a run trains.
 */
export function createRunFilePoll(check: () => Promise<void>) {
  let timer: ReturnType<typeof setInterval> | null = null

  function watchRunFile(): void {
    timer ??= setInterval(() => void check(), RUN_FILE_POLL_MS)
  }
  function stopWatching(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  return { watchRunFile, stopWatching }
}
