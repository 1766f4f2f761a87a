import { ref } from 'vue'
import type { EventPayload } from '../../../../shared/contract'
import type { WorkbenchClient } from '../../../../shared/client'

type OpProgress = EventPayload<'op.progress'>

/** Work shorter than this shows no progress at all: a flash of a bar reads as a glitch. */
const SHOW_PROGRESS_AFTER_MS = 1000

let nextOp = 1

/**
 * One long engine operation's id, its progress (shown only once it has taken more than a second) and a
 * way to cancel it. `run` subscribes to progress for the call and lets go of it afterwards.
 */
export function createSlowProgress(prefix: string) {
  const progress = ref<OpProgress | null>(null)
  const slow = ref(false)
  let current: string | null = null

  async function run<T>(client: WorkbenchClient, work: (opId: string) => Promise<T>): Promise<T> {
    const opId = `${prefix}-${Date.now()}-${nextOp++}`
    current = opId
    progress.value = null
    slow.value = false
    const timer = setTimeout(() => {
      if (current === opId) slow.value = true
    }, SHOW_PROGRESS_AFTER_MS)
    const off = client.on('op.progress', (p) => {
      if (p.opId === opId) progress.value = p
    })
    try {
      return await work(opId)
    } finally {
      clearTimeout(timer)
      off()
      if (current === opId) {
        current = null
        slow.value = false
        progress.value = null
      }
    }
  }

  async function cancel(client: WorkbenchClient): Promise<void> {
    if (current) await client.call('op.cancel', { opId: current })
  }

  return { progress, slow, run, cancel }
}
