import type { Transport } from '../../../shared/client'
import type { WireResult } from '../../../shared/contract'

interface Waiting {
  resolve: (r: WireResult) => void
}

export interface WsTransport extends Transport {
  onConnectionChange(listener: (connected: boolean) => void): () => void
  close(): void
}

/**
 * Serve mode's transport: one WebSocket carrying requests (matched by id) and pushed events. It
 * reconnects after a drop; requests in flight then fail with a message instead of hanging.
 */
export function createWsTransport(url: string): WsTransport {
  let socket: WebSocket | null = null
  let nextId = 1
  let closed = false
  let retryMs = 250
  const waiting = new Map<number, Waiting>()
  const queue: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const connectionListeners = new Set<(connected: boolean) => void>()

  const connect = (): void => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      retryMs = 250
      connectionListeners.forEach((l) => l(true))
      for (const m of queue.splice(0)) ws.send(m)
    }
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as {
        id?: number
        result?: WireResult
        event?: string
        payload?: unknown
      }
      if (m.id !== undefined && m.result) {
        waiting.get(m.id)?.resolve(m.result)
        waiting.delete(m.id)
      } else if (m.event) listeners.get(m.event)?.forEach((l) => l(m.payload))
    }
    ws.onclose = () => {
      connectionListeners.forEach((l) => l(false))
      for (const w of waiting.values()) {
        w.resolve({
          ok: false,
          error: { code: 'unavailable', message: 'Lost the connection to the server; reconnecting.' }
        })
      }
      waiting.clear()
      if (!closed) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 5000)))
    }
  }
  connect()

  return {
    invoke(route, input) {
      const id = nextId++
      const text = JSON.stringify({ id, route, input })
      return new Promise((resolve) => {
        waiting.set(id, { resolve })
        if (socket?.readyState === WebSocket.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener)
      return () => connectionListeners.delete(listener)
    },
    close() {
      closed = true
      socket?.close()
    }
  }
}

/** The WebSocket URL of the server that served this page, with the token it was opened with. */
export function serveSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token')
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${proto}//${location.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`
}
