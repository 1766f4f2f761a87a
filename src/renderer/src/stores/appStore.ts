import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EventPayload, RouteOutput } from '../../../shared/contract'
import { useClient } from '../client'
import { useDatasetStore } from './datasetStore'
import { useTrainingStore } from './trainingStore'
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
  let engineNotice: number | null = null

  function notify(kind: Notice['kind'], text: string): number {
    const id = nextNotice++
    notices.value.push({ id, kind, text })
    if (kind === 'info') setTimeout(() => dismiss(id), 5000)
    return id
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id)
  }

  async function start(startMode: 'desktop' | 'serve'): Promise<void> {
    mode.value = startMode
    const client = useClient()
    unsubscribe?.()
    unsubscribe = client.on('engine.status', (status) => {
      const recovering = ['crashed', 'restarting', 'failed'].includes(engine.value.state)
      engine.value = status
      // One notice about the engine at a time: a crash replaces the last one, recovery or failure ends it.
      if (engineNotice !== null) dismiss(engineNotice)
      engineNotice = null
      if (status.state === 'crashed')
        engineNotice = notify('error', status.message ?? 'The engine stopped; it is being restarted.')
      if (status.state === 'ready' && recovering) {
        notify('info', 'The engine is running again.')
        // A new engine holds no dataset: show what it really has instead of a grid that cannot load.
        void useDatasetStore().refresh()
        // Runs the old engine was training ended with it: their files now read back as interrupted.
        void useTrainingStore().refreshRuns()
      }
    })
    try {
      info.value = await client.call('app.info', {})
      // A status event may have arrived meanwhile (a failed start says why); the newer one wins.
      if (engine.value.state === 'starting') {
        const { state, message } = info.value.engine
        engine.value = message === undefined ? { state } : { state, message }
      }
    } catch (err) {
      notify('error', messageOf(err))
    }
  }

  /** After "the engine cannot start": start it again (the person may have fixed the cause). */
  async function retryEngine(): Promise<void> {
    try {
      await useClient().call('engine.retry', {})
    } catch (err) {
      notify('error', messageOf(err))
    }
  }

  function stop(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  return { mode, info, engine, connected, notices, notify, dismiss, start, stop, retryEngine }
})
