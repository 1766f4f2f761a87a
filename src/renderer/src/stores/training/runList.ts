import { ref, type Ref } from 'vue'
import type { RunJson } from '../../../../shared/training'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** Runs newest first, as the run list shows them. */
export const newestFirst = (runs: readonly RunJson[]): RunJson[] =>
  [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))

/** The later of two records of one run (an event may overtake a list read). */
const later = (a: RunJson, b: RunJson): RunJson => (b.updatedAt >= a.updatedAt ? b : a)

/**
 * The runs of the runs folder: read once with `training.runs` (again when the folder changes or the person
 * asks), then kept current by the engine's `training.run` events, one per change of a run's run.json.
 * A failed read leaves its message in `error`.
 */
export function createRunList(
  error: Ref<string | null>,
  follow: { onRun(run: RunJson): void; onRead(runs: readonly RunJson[]): void }
) {
  const runs = ref<RunJson[]>([])
  const runsDir = ref<string | null>(null)
  /** Why the last read of the list failed; null when it succeeded. */
  const listError = ref<string | null>(null)
  let loaded: Promise<void> | null = null
  let unsubscribe: (() => void) | null = null
  /** Records that arrived while a read was on its way: they are newer than what it may return. */
  let heardDuringRead: Map<string, RunJson> | null = null

  function applyRun(run: RunJson): void {
    heardDuringRead?.set(run.id, run)
    const known = runs.value.find((r) => r.id === run.id)
    const next = known ? later(known, run) : run
    runs.value = newestFirst([...runs.value.filter((r) => r.id !== run.id), next])
    follow.onRun(next)
  }

  /** Follows the engine's run events from now on (for the store's lifetime: they are few). */
  function listen(): void {
    unsubscribe ??= useClient().on('training.run', applyRun)
  }

  async function read(): Promise<void> {
    listen()
    const heard = (heardDuringRead = new Map())
    try {
      const answer = await useClient().call('training.runs', {})
      runsDir.value = answer.runsDir
      listError.value = null
      runs.value = newestFirst(
        answer.runs.map((run) => {
          const newer = heard.get(run.id)
          return newer ? later(run, newer) : run
        })
      )
      follow.onRead(runs.value)
    } catch (err) {
      error.value = listError.value = messageOf(err)
    } finally {
      if (heardDuringRead === heard) heardDuringRead = null
    }
  }

  /** Reads the list again: another runs folder, a restarted engine, or the person's Refresh. */
  function refreshRuns(): Promise<void> {
    return (loaded = read())
  }

  /** The list, read the first time it is needed. */
  function ensureRuns(): Promise<void> {
    return (loaded ??= read())
  }

  return { runs, runsDir, listError, listen, refreshRuns, ensureRuns }
}
