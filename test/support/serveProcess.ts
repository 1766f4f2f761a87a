import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'

export interface ServeProcess {
  port: number
  token: string
  child: ChildProcess
  /** Everything the server wrote on stderr so far. */
  stderr: () => string
  /** Whether the process is still running. */
  alive: () => boolean
  stop(): Promise<void>
}

/** Starts `cnn-workbench serve` from source on a free port, as a user would, with its own temp folders. */
export async function startServeProcess(token: string): Promise<ServeProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'serve-proc-'))
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--token',
      token,
      '--data-root',
      dir,
      '--cache-dir',
      path.join(dir, 'cache'),
      '--runs-dir',
      path.join(dir, 'runs')
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_DATA_HOME: path.join(dir, 'data') } }
  )
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  let exited = false
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())))
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /serving at http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)
      if (m?.[1]) resolve(Number(m[1]))
    })
    void exit.then(() => reject(new Error(`serve exited before it listened: ${out}${err}`)))
  })
  return {
    port,
    token,
    child,
    stderr: () => err,
    alive: () => !exited,
    async stop() {
      if (!exited) child.kill('SIGTERM')
      await exit
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/**
 * Writes raw bytes to the server and resolves with everything it answers before closing, or as soon as
 * an accepted upgrade's head has arrived (the socket then stays open), or after `ms` when neither happens.
 */
export function rawExchange(port: number, bytes: Buffer | string, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const done = (): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(Buffer.concat(chunks).toString('latin1'))
    }
    const timer = setTimeout(done, ms)
    socket.on('data', (d) => {
      chunks.push(d)
      const text = Buffer.concat(chunks).toString('latin1')
      if (text.startsWith('HTTP/1.1 101 ') && text.includes('\r\n\r\n')) done()
    })
    socket.on('error', done)
    socket.on('close', done)
    socket.write(bytes)
  })
}

/** The status code of a raw HTTP answer ("HTTP/1.1 400 Bad Request…" → 400), or 0 when none came. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)
}

/** Opens an authenticated WebSocket to the server. */
export async function openSocket(port: number, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return ws
}

/** Sends one text message and resolves with the next answer (or the close code when the server closes). */
export function exchange(ws: WebSocket, text: string): Promise<{ answer?: unknown; closed?: number }> {
  return new Promise((resolve) => {
    const onMessage = (d: WebSocket.RawData): void => {
      const m = JSON.parse(d.toString()) as { event?: string }
      if (m.event) return // events are pushed to every socket; wait for the answer
      ws.off('message', onMessage)
      resolve({ answer: m })
    }
    ws.on('message', onMessage)
    ws.once('close', (code) => resolve({ closed: code }))
    ws.send(text)
  })
}

/** The engine as `app.info` reports it: its pid and how often it was restarted. */
export async function engineInfo(
  port: number,
  token: string
): Promise<{ pid: number | null; restarts: number }> {
  const ws = await openSocket(port, token)
  const { answer } = await exchange(ws, JSON.stringify({ id: 1, route: 'app.info', input: {} }))
  ws.close()
  const result = (answer as { result: { ok: boolean; value: { engine: { pid: number; restarts: number } } } })
    .result
  if (!result.ok) throw new Error(`app.info failed: ${JSON.stringify(result)}`)
  return { pid: result.value.engine.pid, restarts: result.value.engine.restarts }
}
