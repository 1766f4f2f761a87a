import { randomBytes } from 'node:crypto'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Transport } from '../../shared/client'
import { tokenCookieName, type AccessPolicy } from './accessControl'
import { createHttpHandler } from './httpHandler'
import { rawTextReply, sendText } from './securityHeaders'
import { createUpgradeHandler, refuseUpgrade } from './upgradeHandler'
import { bridgeSocket } from './wsBridge'

export const MAX_MESSAGE_BYTES = 1024 * 1024

export interface ServeConfig {
  host: string
  port: number
  token?: string
  rendererDir: string
  contract: Transport
  /** Where a failed request is reported, one line each; default stderr. */
  log?: (line: string) => void
}

export interface RunningServer {
  url: string
  token: string
  port: number
  server: Server
  close(): Promise<void>
}

export function randomToken(): string {
  return randomBytes(16).toString('hex') // 128 bits
}

/** Serves the built renderer over HTTP and the contract over a WebSocket at /ws, both behind the token. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const token = config.token ?? randomToken()
  const log = config.log ?? ((line: string) => console.error(line))
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  wss.on('connection', (socket) => bridgeSocket(socket, config.contract))

  let port = config.port
  const policy = (): AccessPolicy => ({
    token,
    configuredHost: config.host,
    cookieName: tokenCookieName(port)
  })
  // Without requireHostHeader Node would refuse a missing Host itself, without our headers; the access
  // check refuses it anyway.
  const server = createServer(
    { requireHostHeader: false },
    createHttpHandler({ rendererDir: config.rendererDir, policy, log })
  )
  server.on('upgrade', createUpgradeHandler(wss, policy, log))
  // A request the HTTP parser cannot read (bad request line, huge headers) gets our headers too.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
    const status =
      err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    socket.end(rawTextReply(status, 'The request could not be read.'))
  })

  // Node answers an unknown Expect itself, without our headers.
  server.on('checkExpectation', (_req, res: ServerResponse) =>
    sendText(res, 417, 'Only "Expect: 100-continue" is understood.')
  )
  // Node drops a CONNECT without an answer unless someone listens; this server is no proxy.
  server.on('connect', (_req, socket: Duplex) => refuseUpgrade(socket, 405, 'This server is not a proxy.'))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate()
        wss.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
