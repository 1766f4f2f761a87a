import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EventPayload, RouteOutput } from '../../../shared/contract'
import { useClient } from '../client'
import { useDatasetStore } from './datasetStore'
import { messageOf } from '../errorMessage'

export interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
}

/** App-wide state: how we are connected, the engine's health, and messages for the person. */
export const useAppStore = defineStore('app', () => {
  const mode = ref<'desktop' | 'serve'>('serve')
  const info = ref<RouteOutput<'app.info'> | null>(null)
  const engine = ref<EventPayload<'engine.status'>>({ state: 'starting' })
  const connected = ref(true)
  const notices = ref<Notice[]>([])
  let nextNotice = 1
  let unsubscribe: (() => void) | null = null

  function notify(kind: Notice['kind'], text: string): void {
    const id = nextNotice++
    notices.value.push({ id, kind, text })
    if (kind === 'info') setTimeout(() => dismiss(id), 5000)
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  async function start(startMode: 'desktop' | 'serve'): Promise<void> {
    mode.value = startMode
    const client = useClient()
    unsubscribe?.()
    unsubscribe = client.on('engine.status', (status) => {
      const recovering = engine.value.state === 'crashed' || engine.value.state === 'restarting'
      engine.value = status
      if (status.state === 'crashed')
        notify('error', status.message ?? 'The engine stopped; it is being restarted.')
      if (status.state === 'ready' && recovering) {
        notify('info', 'The engine is running again.')
        // A new engine holds no dataset: show what it really has instead of a grid that cannot load.
        void useDatasetStore().refresh()
      }
    })
    try {
      info.value = await client.call('app.info', {})
      engine.value = { state: info.value.engine.state }
    } catch (err) {
      notify('error', messageOf(err))
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { mode, info, engine, connected, notices, notify, dismiss, start, stop }
})
