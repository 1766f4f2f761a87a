import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawSocketSession, SENTINEL_ID } from '../../support/rawSocketSession'
import {
  engineInfo,
  rawExchange,
  startServeProcess,
  statusOf,
  type ServeProcess
} from '../../support/serveProcess'
import { socketSessionArb } from './serveFuzzFrames'
import { httpRequestArb } from './serveFuzzHttp'

/**
 * Thousands of generated requests, upgrades and socket frames against a real `cnn-workbench serve`
 * process. fast-check draws them from a fixed seed (FUZZ_SEED=N to explore others); a failure prints the
 * seed and path that replay it, after shrinking the input to a small one.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_011)
const HTTP_RUNS = 2500
const SOCKET_RUNS = 400
const TIME_LIMIT_MS = 20_000 // per part; the runs above take a few seconds when the machine is idle

const TOKEN = 'fuzz-token-0123456789abcdef'
let serve: ServeProcess
let engineBefore: { pid: number | null; restarts: number }

const STACK_TRACE = /\n\s+at |\bat \S+ \(.*:\d+:\d+\)/
const ABSOLUTE_PATH = /(^|[\s'"`(=])\/[\w.-]+\/[\w.-]/
/** What the server's replies must never reveal about its insides. */
function leak(text: string): string | null {
  if (STACK_TRACE.test(text)) return 'a stack trace'
  for (const inside of [process.cwd(), 'node_modules', 'node:internal', 'file://'])
    if (text.includes(inside)) return `"${inside}"`
  return null
}

const parameters = (limitMs: number, numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns,
  plugins: [fc.interruptAfterTimeLimit(limitMs), fc.timeout(15_000)]
})

beforeAll(async () => {
  serve = await startServeProcess(TOKEN)
  engineBefore = await engineInfo(serve.port, TOKEN)
})

afterAll(async () => {
  await serve.stop()
})

describe('serve mode under fuzzing', () => {
  it('answers every generated HTTP request and upgrade with a clean status and the security headers', async () => {
    let count = 0
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(httpRequestArb(serve), async (request) => {
        count++
        // "100 Continue" is an interim answer (to Expect: 100-continue) that carries no headers by design.
        const answer = (await rawExchange(serve.port, Buffer.from(request, 'utf8'))).replace(
          /^HTTP\/1\.1 100 Continue\r\n\r\n/,
          ''
        )
        const status = statusOf(answer)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
        const [headers = '', body = ''] = answer.split('\r\n\r\n')
        if (status === 0) throw new Error(`no answer (${JSON.stringify(answer.slice(0, 80))})`)
        if (status >= 500) throw new Error(`answered ${status}`)
        if (status === 101) return
        if (!/^x-content-type-options: nosniff$/im.test(headers)) throw new Error(`${status} without nosniff`)
        if (!/^content-security-policy: /im.test(headers)) throw new Error(`${status} without a CSP`)
        const leaked = leak(headers) ?? (status >= 300 ? leak(body) : null)
        if (leaked) throw new Error(`${status} reply shows ${leaked}`)
        if (status >= 300 && ABSOLUTE_PATH.test(body))
          throw new Error(`${status} reply names a path: ${body}`)
        expect(serve.alive()).toBe(true)
      }),
      parameters(TIME_LIMIT_MS, HTTP_RUNS)
    )
    const seen = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
    console.log(`HTTP fuzz: ${count} requests (${seen.join(' ')}), seed ${SEED}`)
  })

  it('answers or closes on every generated sequence of socket frames, without leaking anything', async () => {
    let count = 0
    let frameCount = 0
    let answers = 0
    await fc.assert(
      fc.asyncProperty(socketSessionArb, async (frames) => {
        count++
        frameCount += frames.length
        const outcome = await rawSocketSession(serve.port, TOKEN, frames)
        if (!outcome.upgraded) throw new Error('the handshake with the token was refused')
        if (!outcome.settled) throw new Error('the server neither answered nor closed')
        for (const f of outcome.frames) {
          if (f.opcode === 8) {
            const code = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005
            if (![1000, 1002, 1003, 1005, 1007, 1008, 1009].includes(code))
              throw new Error(`closed with ${code}`)
            const leaked = leak(f.payload.subarray(2).toString())
            if (leaked) throw new Error(`close reason shows ${leaked}`)
          } else if (f.opcode === 1) {
            const m = JSON.parse(f.payload.toString()) as {
              id?: unknown
              result?: { ok: boolean; error?: { message: string } }
            }
            if ('id' in m && !m.result) throw new Error(`an answer without a result: ${f.payload}`)
            const leaked = m.result?.error ? leak(m.result.error.message) : null
            if (leaked) throw new Error(`error answer shows ${leaked}: ${m.result?.error?.message}`)
            if (m.result) answers++
          } else if (f.opcode !== 10) throw new Error(`unexpected frame opcode ${f.opcode}`)
        }
        expect(serve.alive()).toBe(true)
      }),
      parameters(TIME_LIMIT_MS, SOCKET_RUNS)
    )
    console.log(
      `WebSocket fuzz: ${count} connections, ${frameCount} frames, ${answers} answers, seed ${SEED}`
    )
  })

  it('still serves afterwards, with the engine it started with and no escaped error', async () => {
    expect(serve.alive()).toBe(true)
    const page = await rawExchange(
      serve.port,
      `GET /?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`
    )
    expect(statusOf(page)).toBeOneOf([200, 404])
    expect(await engineInfo(serve.port, TOKEN)).toEqual(engineBefore)
    expect(serve.stderr()).not.toMatch(/uncaught|unhandled|still serving/i)
    expect(SENTINEL_ID).toBeGreaterThan(0)
  })
})
