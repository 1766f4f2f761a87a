import type { WebSocket } from 'ws'
import type { Transport } from '../../shared/client'
import { eventNames, type RouteName } from '../../shared/contractNames'
import type { WireResult } from '../../shared/contract'
import { createRpcEndpoint, type RpcMessage } from '../../shared/rpc'
import { parseClientMessage } from './clientMessage'

/**
 * Serves the contract over one WebSocket connection, exactly as the Electron IPC router does. The wire
 * format is the RPC helper's: requests and answers matched by id, events pushed with their name. Every
 * message is checked (shape, route, size and depth of its input) before the helper sees it.
 */
export function bridgeSocket(socket: WebSocket, contract: Transport): void {
  const send = (m: RpcMessage | { id: number | null; result: WireResult }): void => {
    if (socket.readyState !== socket.OPEN) return
    try {
      socket.send(JSON.stringify(m))
    } catch (err) {
      console.error('[serve] could not send a message:', err instanceof Error ? err.message : String(err))
    }
  }
  const channel = createRpcEndpoint({
    send,
    answer: (route, input) =>
      // Only requests that passed parseClientMessage reach the helper: the route is a known one.
      contract.invoke(route as RouteName, input).catch((err: unknown) => {
        console.error('[serve] request failed:', err instanceof Error ? err.message : String(err))
        return { ok: false, error: { code: 'failed', message: 'The request failed.' } } as const
      })
  })
  const unsubscribe = eventNames.map((name) =>
    contract.subscribe(name, (payload) => channel.emit(name, payload))
  )
  socket.on('close', () => unsubscribe.forEach((u) => u()))
  // ws reports an oversized or malformed frame as an error and then closes with 1009/1002; without a
  // listener that error would take the whole server down.
  socket.on('error', (err) => console.error('[serve] WebSocket closed:', err.message))

  socket.on('message', (data, isBinary) => {
    const message = parseClientMessage(data, isBinary)
    if (message.kind === 'close') return socket.close(message.code, message.reason)
    // An answer the helper cannot give: the message had no usable id, or failed the checks above.
    if (message.kind === 'error') return send({ id: message.id, result: { ok: false, error: message.error } })
    channel.receive({ id: message.id, route: message.route, input: message.input })
  })
}
