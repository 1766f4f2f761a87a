import type { TrainingProgress } from '../../../../shared/training'
import { useClient } from '../../client'

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
