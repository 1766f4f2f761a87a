import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import { checkRequest, isAllowedOrigin, type AccessPolicy } from './accessControl'
import { parseRequestTarget } from './requestTarget'
import { rawTextReply } from './securityHeaders'

/** Refuses an upgrade with a plain HTTP reply carrying the security headers, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.writable) socket.end(rawTextReply(status, text))
  else socket.destroy()
}

/**
 * Hands a WebSocket upgrade to `wss` only when it asks for /ws with the token, from an allowed Host and
 * Origin. Every other upgrade, and any failure while checking it, is refused with a status; a client
 * that resets the connection half-way is simply forgotten.
 */
export function createUpgradeHandler(
  wss: WebSocketServer,
  policy: () => AccessPolicy,
  log: (line: string) => void
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  // ws reports a handshake it cannot accept (bad key, version, method) here instead of writing its own
  // reply, so those refusals carry the same headers as ours.
  wss.on('wsClientError', (err: Error, socket: Duplex) =>
    refuseUpgrade(socket, /method/i.test(err.message) ? 405 : 400, err.message + '.')
  )
  return (req, socket, head) => {
    // Node stops watching an upgraded socket's errors; an unwatched reset would be an uncaught exception.
    socket.on('error', () => socket.destroy())
    try {
      const target = parseRequestTarget(req.url)
      if (!target) return refuseUpgrade(socket, 400, 'The request path is not valid.')
      if (target.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not found.')
      const p = policy()
      const verdict = checkRequest(req, target, p)
      if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason)
      if (!isAllowedOrigin(req.headers.origin, req.headers.host, p.configuredHost))
        return refuseUpgrade(socket, 403, 'Origin is not allowed.')
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    } catch (err) {
      log(`[serve] upgrade failed: ${err instanceof Error ? err.message : String(err)}`)
      refuseUpgrade(socket, 400, 'The upgrade request could not be handled.')
    }
  }
}
