import type { WebSocket } from 'ws'
import type { Transport } from '../../shared/client'
import { eventNames, isRouteName } from '../../shared/contractNames'

/** The WebSocket wire format: requests and answers matched by id, events pushed with their name. */
export type ClientMessage = { id: number; route: string; input: unknown }
export type ServerMessage = { id: number; result: unknown } | { event: string; payload: unknown }

/** Serves the contract over one WebSocket connection, exactly as the Electron IPC router does. */
export function bridgeSocket(socket: WebSocket, backend: Transport): void {
  const send = (m: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m))
  }
  const unsubscribe = eventNames.map((name) =>
    backend.subscribe(name, (payload) => send({ event: name, payload }))
  )
  socket.on('close', () => unsubscribe.forEach((u) => u()))
  // ws reports an oversized or malformed frame as an error and then closes with 1009/1002; without a
  // listener that error would take the whole server down.
  socket.on('error', (err) => console.error('[serve] WebSocket closed:', err.message))

  socket.on('message', (data, isBinary) => {
    let message: ClientMessage
    try {
      if (isBinary) throw new Error('binary')
      message = JSON.parse(data.toString()) as ClientMessage
    } catch {
      socket.close(1003, 'Messages must be JSON text.')
      return
    }
    if (typeof message.id !== 'number') return
    if (!isRouteName(message.route)) {
      send({
        id: message.id,
        result: { ok: false, error: { code: 'bad-input', message: `Unknown route "${message.route}".` } }
      })
      return
    }
    void backend.invoke(message.route, message.input).then((result) => send({ id: message.id, result }))
  })
}
