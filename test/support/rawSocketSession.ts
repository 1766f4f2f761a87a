import { connect } from 'node:net'
import { decodeFrames, encodeFrame, type ServerFrame } from './wsFrames'

export interface SessionOutcome {
  /** Whether the WebSocket handshake was accepted (101). */
  upgraded: boolean
  /** Every frame the server sent back. */
  frames: ServerFrame[]
  /** Whether the server answered the final request or closed the connection before `ms` ran out. */
  settled: boolean
}

export const SENTINEL_ID = 987_654_321

/**
 * Opens /ws with the token over a bare TCP socket, writes `frames` exactly as given (fragments, bad
 * opcodes, unmasked frames and all), then asks `app.info`, and collects what the server sends until it
 * answers that request or closes the connection.
 */
export function rawSocketSession(
  port: number,
  token: string,
  frames: Buffer[],
  ms = 10_000
): Promise<SessionOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const received: ServerFrame[] = []
    let head: Buffer = Buffer.alloc(0)
    let upgraded = false
    let pending: Buffer = Buffer.alloc(0)
    const finish = (settled: boolean): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ upgraded, frames: received, settled })
    }
    const timer = setTimeout(() => finish(false), ms)
    socket.on('error', () => finish(true))
    socket.on('close', () => finish(true))
    socket.on('data', (d: Buffer) => {
      if (!upgraded) {
        head = Buffer.concat([head, d])
        const end = head.indexOf('\r\n\r\n')
        if (end === -1) return
        if (!head.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101 ')) return finish(true)
        upgraded = true
        d = head.subarray(end + 4)
        for (const f of frames) socket.write(f)
        const sentinel = JSON.stringify({ id: SENTINEL_ID, route: 'app.info', input: {} })
        socket.write(
          encodeFrame({ fin: true, rsv: 0, opcode: 1, masked: true, payload: Buffer.from(sentinel) })
        )
      }
      const { frames: got, rest } = decodeFrames(Buffer.concat([pending, d]))
      pending = rest
      received.push(...got)
      const answered = got.some((f) => f.opcode === 1 && f.payload.toString().includes(`"id":${SENTINEL_ID}`))
      if (answered || got.some((f) => f.opcode === 8)) finish(true)
    })
    socket.write(
      `GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n'
    )
  })
}
