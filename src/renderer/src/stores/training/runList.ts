import { ref, type Ref } from 'vue'
import type { RunJson } from '../../../../shared/training'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'

/** Runs newest first, as the run list shows them. */
export const newestFirst = (runs: readonly RunJson[]): RunJson[] =>
  [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))

/** The runs on disk and the folder that holds them; a failed read leaves its message in `error`. */
export function createRunList(error: Ref<string | null>) {
  const runs = ref<RunJson[]>([])
  const runsDir = ref<string | null>(null)

  async function refreshRuns(): Promise<void> {
    try {
      const answer = await useClient().call('training.runs', {})
      runsDir.value = answer.runsDir
      runs.value = newestFirst(answer.runs)
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  return { runs, runsDir, refreshRuns }
}
