import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request, type IncomingHttpHeaders } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createDispatcher } from '../../../src/shared/dispatch'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { MAX_MESSAGE_BYTES, startServer, type RunningServer } from '../../../src/main/serve/startServer'
import { rawExchange } from '../../support/serveProcess'

const TOKEN = 'test-token-0123456789abcdef'
let server: RunningServer
let dir: string

interface Reply {
  status: number
  body: string
  cookie?: string
  headers: IncomingHttpHeaders
}

function get(
  urlPath: string,
  headers: Record<string, string> = {},
  port = server.port,
  method = 'GET'
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers, method }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          cookie: res.headers['set-cookie']?.[0],
          headers: res.headers
        })
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
    contract: { invoke: dispatch, subscribe: () => () => {} }
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
      contract: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} }
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

/** What every reply must carry, a refusal as much as the app's page. */
function expectSecurityHeaders(headers: IncomingHttpHeaders | Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['x-frame-options']).toBe('DENY')
  expect(headers['referrer-policy']).toBe('no-referrer')
  expect(headers['cross-origin-resource-policy']).toBe('same-origin')
  expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
}

function rawHeaders(answer: string): Record<string, string> {
  const lines = answer.split('\r\n\r\n')[0]!.split('\r\n').slice(1)
  return Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()])
  )
}

describe('every reply carries the security headers', () => {
  it('on the app page and on 400, 401, 403, 404 and 405', async () => {
    const unbuilt = await startServer({
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
      rendererDir: path.join(dir, 'not-built'),
      contract: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} }
    })
    const replies = [
      await get(`/?token=${TOKEN}`),
      await get(`/%zz?token=${TOKEN}`),
      await get('/'),
      await get('/?token=wrong-token'),
      await get(`/?token=${TOKEN}`, { host: 'evil.example.com' }),
      await get(`/?token=${TOKEN}`, {}, unbuilt.port),
      await get(`/?token=${TOKEN}`, {}, server.port, 'POST')
    ]
    await unbuilt.close()
    expect(replies.map((r) => r.status)).toEqual([200, 400, 401, 403, 403, 404, 405])
    for (const r of replies) expectSecurityHeaders(r.headers)
    // The page loads its own scripts; a refusal is text that may load nothing at all.
    expect(replies[0]!.headers['content-security-policy']).toMatch(/script-src 'self'/)
    for (const r of replies.slice(1))
      expect(r.headers['content-security-policy']).toMatch(/default-src 'none'/)
  })

  it('on refused WebSocket upgrades', async () => {
    const ws = 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
    const upgrade = (target: string, extra = 'Sec-WebSocket-Version: 13\r\n'): Promise<string> =>
      rawExchange(
        server.port,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${ws}${extra}\r\n`
      )
    const answers = [
      await upgrade('/ws'),
      await upgrade('/ws?token=wrong-token'),
      await upgrade('/elsewhere'),
      await upgrade(`/ws?token=${TOKEN}`, 'Sec-WebSocket-Version: 99\r\n')
    ]
    expect(answers.map((a) => a.split(' ')[1])).toEqual(['401', '403', '404', '400'])
    for (const a of answers) expectSecurityHeaders(rawHeaders(a))
  })
})

describe('the token cookie belongs to one instance', () => {
  it('lets one browser use two instances on two ports, as cookies ignore ports', async () => {
    const otherToken = 'other-token-0123456789abcdef'
    const other = await startServer({
      host: '127.0.0.1',
      port: 0,
      token: otherToken,
      rendererDir: dir,
      contract: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} }
    })
    // A browser keeps one cookie per name, host and path; the port plays no part (RFC 6265, 8.5).
    const jar = new Map<string, string>()
    const visit = async (port: number, urlPath: string): Promise<number> => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      const reply = await get(urlPath, cookie ? { cookie } : {}, port)
      const [name, ...value] = (reply.cookie?.split(';')[0] ?? '').split('=')
      if (name) jar.set(name, value.join('='))
      return reply.status
    }
    expect(await visit(server.port, `/?token=${TOKEN}`)).toBe(200)
    expect(await visit(other.port, `/?token=${otherToken}`)).toBe(200)
    // Reloading either page without the token in the URL works: each found its own cookie.
    expect(await visit(server.port, '/')).toBe(200)
    expect(await visit(other.port, '/')).toBe(200)
    expect([...jar.keys()].sort()).toEqual(
      [`cnn_workbench_token_${other.port}`, `cnn_workbench_token_${server.port}`].sort()
    )
    await other.close()
  })

  it('sets it HttpOnly, SameSite=Strict, for this host only (no Domain)', async () => {
    const { cookie } = await get(`/?token=${TOKEN}`)
    expect(cookie).toMatch(new RegExp(`^cnn_workbench_token_${server.port}=`))
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).not.toMatch(/Domain=/i)
  })
})
