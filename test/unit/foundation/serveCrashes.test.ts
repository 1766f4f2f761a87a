import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  engineInfo,
  exchange,
  openSocket,
  rawExchange,
  startServeProcess,
  statusOf,
  type ServeProcess
} from '../../support/serveProcess'

// The inputs that used to end serve mode (and its engine, and any training) with one request.
const TOKEN = 'crash-test-token-0123456789'
let serve: ServeProcess
let engineBefore: { pid: number | null; restarts: number }

const get = (target: string, headers = ''): Promise<string> =>
  rawExchange(
    serve.port,
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\n${headers}Connection: close\r\n\r\n`
  )

beforeAll(async () => {
  serve = await startServeProcess(TOKEN)
  engineBefore = await engineInfo(serve.port, TOKEN)
})

afterAll(async () => {
  await serve.stop()
})

describe('serve mode survives hostile requests', () => {
  it('answers a target new URL() cannot read like any other path, with and without the token', async () => {
    expect(statusOf(await get('//['))).toBe(401)
    expect(statusOf(await get(`//[?token=${TOKEN}`))).toBeOneOf([200, 404])
    expect(statusOf(await get('http://[/'))).toBe(400)
    expect(serve.alive()).toBe(true)
  })

  it('answers the same target in a WebSocket upgrade with 404', async () => {
    const upgrade =
      'Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'
    const answer = await rawExchange(
      serve.port,
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nConnection: Upgrade\r\n${upgrade}\r\n`
    )
    expect(statusOf(answer)).toBe(404)
    expect(serve.alive()).toBe(true)
  })

  it('answers 400 to malformed percent-escapes in a static path and 403 to one in the cookie', async () => {
    expect(statusOf(await get(`/%zz?token=${TOKEN}`))).toBe(400)
    expect(statusOf(await get(`/%c0%ae?token=${TOKEN}`))).toBe(400)
    expect(statusOf(await get('/', `Cookie: cnn_workbench_token_${serve.port}=%zz\r\n`))).toBe(403)
    expect(serve.alive()).toBe(true)
  })

  it('answers a socket message that is not a request with an error instead of dying', async () => {
    const ws = await openSocket(serve.port, TOKEN)
    for (const text of ['null', '42', '"x"', '[]', '{"id":"1","route":"app.info"}', '{"id":1,"route":{}}']) {
      const { answer } = await exchange(ws, text)
      expect(answer).toMatchObject({ result: { ok: false, error: { code: 'bad-input' } } })
    }
    ws.close()
  })

  it('refuses input nested thousands of levels deep before it reaches the engine', async () => {
    const ws = await openSocket(serve.port, TOKEN)
    const deep = '['.repeat(4000) + ']'.repeat(4000)
    const { answer } = await exchange(ws, `{"id":5,"route":"files.list","input":${deep}}`)
    expect(answer).toMatchObject({ id: 5, result: { ok: false, error: { code: 'bad-input' } } })
    expect((answer as { result: { error: { message: string } } }).result.error.message).toMatch(/nested/)
    ws.close()
  })

  it('is still serving afterwards, with the engine it started with', async () => {
    expect(serve.alive()).toBe(true)
    expect(statusOf(await get(`/?token=${TOKEN}`))).toBeOneOf([200, 404])
    expect(await engineInfo(serve.port, TOKEN)).toEqual(engineBefore)
    expect(serve.stderr()).not.toMatch(/uncaught|unhandled/i)
  })
})
