import type { WebSocket } from 'ws'
import type { Transport } from '../../shared/client'
import { eventNames } from '../../shared/contractNames'
import { parseClientMessage } from './clientMessage'

/** The WebSocket wire format: requests and answers matched by id, events pushed with their name. */
export type ClientMessage = { id: number; route: string; input: unknown }
export type ServerMessage = { id: number | null; result: unknown } | { event: string; payload: unknown }

/** Serves the contract over one WebSocket connection, exactly as the Electron IPC router does. */
export function bridgeSocket(socket: WebSocket, backend: Transport): void {
  const send = (m: ServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return
    try {
      socket.send(JSON.stringify(m))
    } catch (err) {
      console.error('[serve] could not send a message:', err instanceof Error ? err.message : String(err))
    }
  }
  const unsubscribe = eventNames.map((name) =>
    backend.subscribe(name, (payload) => send({ event: name, payload }))
  )
  socket.on('close', () => unsubscribe.forEach((u) => u()))
  // ws reports an oversized or malformed frame as an error and then closes with 1009/1002; without a
  // listener that error would take the whole server down.
  socket.on('error', (err) => console.error('[serve] WebSocket closed:', err.message))

  socket.on('message', (data, isBinary) => {
    const message = parseClientMessage(data, isBinary)
    if (message.kind === 'close') return socket.close(message.code, message.reason)
    if (message.kind === 'error') return send({ id: message.id, result: { ok: false, error: message.error } })
    backend.invoke(message.route, message.input).then(
      (result) => send({ id: message.id, result }),
      (err: unknown) => {
        console.error('[serve] request failed:', err instanceof Error ? err.message : String(err))
        send({
          id: message.id,
          result: { ok: false, error: { code: 'failed', message: 'The request failed.' } }
        })
      }
    )
  })
}
