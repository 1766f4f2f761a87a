import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createDispatcher } from '../../../src/shared/dispatch'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { MAX_MESSAGE_BYTES, startServer, type RunningServer } from '../../../src/main/serve/startServer'

const TOKEN = 'test-token-0123456789abcdef'
let server: RunningServer
let dir: string

function get(
  urlPath: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; body: string; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, cookie: res.headers['set-cookie']?.[0] })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgrade(query: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('error', () => undefined)
  })
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'serve-sec-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>CNN Workbench</title>')
  const dispatch = createDispatcher(createEngineHandlers({ dataRoot: dir }, () => {}))
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    rendererDir: dir,
    backend: { invoke: dispatch, subscribe: () => () => {} }
  })
})

afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

describe('serve mode refuses strangers', () => {
  it('prints a URL with a 128-bit token when none is given', async () => {
    const other = await startServer({
      host: '127.0.0.1',
      port: 0,
      rendererDir: dir,
      backend: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} }
    })
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/)
    await other.close()
  })

  it('serves the app with the token and sets a cookie for the page’s later requests', async () => {
    const res = await get(`/?token=${TOKEN}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('CNN Workbench')
    expect(res.cookie).toContain('HttpOnly')
    const withCookie = await get('/', { cookie: res.cookie!.split(';')[0]! })
    expect(withCookie.status).toBe(200)
  })

  it('answers 401 without a token and 403 with a wrong one', async () => {
    expect((await get('/')).status).toBe(401)
    expect((await get('/?token=wrong-token')).status).toBe(403)
    expect((await get('/', { authorization: 'token nope' })).status).toBe(403)
  })

  it('answers 403 to a foreign Host header even with the right token (DNS rebinding)', async () => {
    expect((await get(`/?token=${TOKEN}`, { host: 'evil.example.com' })).status).toBe(403)
    expect((await get(`/?token=${TOKEN}`, { host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('refuses a WebSocket without a token, with a wrong token, or from a foreign Origin', async () => {
    expect(await upgrade('')).toBe(401)
    expect(await upgrade('?token=wrong-token')).toBe(403)
    expect(await upgrade(`?token=${TOKEN}`, { origin: 'http://evil.example.com' })).toBe(403)
    expect(await upgrade(`?token=${TOKEN}`, { origin: `http://127.0.0.1:${server.port}` })).toBe(101)
  })

  it('answers contract calls over the socket and closes it on an oversized message', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`)
    await new Promise((r) => ws.once('open', r))
    const answer = new Promise<{ id: number; result: { ok: boolean; value: { path: string } } }>((r) =>
      ws.once('message', (d) => r(JSON.parse(d.toString())))
    )
    ws.send(JSON.stringify({ id: 7, route: 'files.list', input: {} }))
    const reply = await answer
    expect(reply.id).toBe(7)
    expect(reply.result.ok).toBe(true)
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)))
    ws.send('x'.repeat(MAX_MESSAGE_BYTES + 1))
    expect(await closed).toBe(1009)
  })
})
