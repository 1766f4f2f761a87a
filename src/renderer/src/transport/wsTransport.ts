import type { Transport } from '../../../shared/client'
import type { EventName } from '../../../shared/contractNames'
import { createRpcEndpoint } from '../../../shared/rpc'

export interface WsTransport extends Transport {
  onConnectionChange(listener: (connected: boolean) => void): () => void
  close(): void
}

/**
 * Serve mode's transport: one WebSocket carrying requests (matched to answers by the RPC helper) and
 * pushed events. It reconnects after a drop; requests in flight then fail with a message instead of hanging.
 */
export function createWsTransport(url: string): WsTransport {
  let socket: WebSocket | null = null
  let closed = false
  let retryMs = 250
  const queue: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const connectionListeners = new Set<(connected: boolean) => void>()
  const channel = createRpcEndpoint({
    send: (message) => {
      const text = JSON.stringify(message)
      if (socket?.readyState === WebSocket.OPEN) socket.send(text)
      else queue.push(text)
    },
    onEvent: (name, payload) => listeners.get(name)?.forEach((l) => l(payload))
  })

  const connect = (): void => {
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      retryMs = 250
      connectionListeners.forEach((l) => l(true))
      for (const m of queue.splice(0)) ws.send(m)
    }
    ws.onmessage = (e) => {
      channel.receive(JSON.parse(String(e.data)))
    }
    ws.onclose = () => {
      connectionListeners.forEach((l) => l(false))
      channel.failPending({
        code: 'unavailable',
        message: 'Lost the connection to the server; reconnecting.'
      })
      if (!closed) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 5000)))
    }
  }
  connect()

  return {
    invoke: (route, input) => channel.call(route, input),
    subscribe(event: EventName, listener) {
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
