import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { Transport } from '../../shared/client'
import { checkRequest, isAllowedOrigin, TOKEN_COOKIE } from './accessControl'
import { readStaticFile } from './staticFiles'
import { bridgeSocket } from './wsBridge'

export const MAX_MESSAGE_BYTES = 1024 * 1024

export interface ServeConfig {
  host: string
  port: number
  token?: string
  rendererDir: string
  backend: Transport
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

function csp(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'"
  ].join('; ')
}

/** Serves the built renderer over HTTP and the contract over a WebSocket at /ws, both behind the token. */
export async function startServer(config: ServeConfig): Promise<RunningServer> {
  const token = config.token ?? randomToken()
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  wss.on('connection', (socket) => bridgeSocket(socket, config.backend))

  const server = createServer((req, res) => {
    const verdict = checkRequest(req, token, config.host)
    if (!verdict.ok) {
      res
        .writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' })
        .end(verdict.reason + '\n')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    void readStaticFile(config.rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res
          .writeHead(404, { 'content-type': 'text/plain' })
          .end('The app is not built: run `npm run build:app`.\n')
        return
      }
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-security-policy': csp(req.headers.host ?? config.host),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        // The page's own scripts and its WebSocket carry the token from here on, without it in every URL.
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
      })
      res.end(req.method === 'HEAD' ? undefined : file.body)
    })
  })

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return reject(404, 'Not Found')
    const verdict = checkRequest(req, token, config.host)
    if (!verdict.ok) return reject(verdict.status, verdict.status === 401 ? 'Unauthorized' : 'Forbidden')
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, config.host)) return reject(403, 'Forbidden')
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
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
