import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createRpcEndpoint,
  routeAnswerer,
  unwrap,
  type RpcAnswerer,
  type RpcEndpoint
} from '../../../src/shared/rpc'
import type { RpcMessage } from '../../../src/shared/rpc'
import { WorkbenchError } from '../../../src/shared/workbenchError'

type Routes = {
  echo: { input: { text: string }; output: { text: string } }
  slow: { input: { ms: number }; output: string }
}

/** Two endpoints joined by an asynchronous in-memory channel; `wire` records what crossed it. */
function pair(answer: RpcAnswerer, timeoutMs?: number) {
  const wire: RpcMessage[] = []
  const toServer: (m: RpcMessage) => void = (m) => {
    wire.push(m)
    queueMicrotask(() => server.receive(structuredClone(m)))
  }
  const serverEvents: [string, unknown][] = []
  const clientEvents: [string, unknown][] = []
  const client: RpcEndpoint<Routes> = createRpcEndpoint<Routes>({
    send: toServer,
    onEvent: (name, payload) => clientEvents.push([name, payload]),
    ...(timeoutMs !== undefined ? { timeoutMs } : {})
  })
  const server = createRpcEndpoint({
    send: (m) => {
      wire.push(m)
      queueMicrotask(() => client.receive(structuredClone(m)))
    },
    answer,
    onEvent: (name, payload) => serverEvents.push([name, payload])
  })
  return { client, server, wire, clientEvents, serverEvents }
}

/** An answerer whose `slow` answers wait until the test releases them (or they are aborted). */
function controllable() {
  const waiting: { release: () => void; signal: AbortSignal }[] = []
  const answer = routeAnswerer<Routes>({
    echo: async ({ text }) => ({ text }),
    slow: ({ ms }, signal) =>
      new Promise<string>((resolve) => waiting.push({ release: () => resolve(`slept ${ms}`), signal }))
  })
  return { answer, waiting }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.useRealTimers()
})

describe('one request/answer helper for every boundary', () => {
  it('matches each answer to its request by id, in whatever order the answers come', async () => {
    const { answer, waiting } = controllable()
    const { client, wire } = pair(answer)
    const first = client.call('slow', { ms: 1 })
    const second = client.call('slow', { ms: 2 })
    const echoed = await client.call('echo', { text: 'hi' })
    expect(echoed).toEqual({ ok: true, value: { text: 'hi' } })
    await flush()
    waiting[1]!.release()
    expect(await second).toEqual({ ok: true, value: 'slept 2' })
    waiting[0]!.release()
    expect(await first).toEqual({ ok: true, value: 'slept 1' })
    const ids = wire.flatMap((m) => ('route' in m ? [m.id] : []))
    expect(new Set(ids).size).toBe(3)
    expect(client.pendingCount).toBe(0)
  })

  it('pushes events both ways, without ids', async () => {
    const { client, server, clientEvents, serverEvents } = pair(controllable().answer)
    server.emit('training.progress', { step: 1 })
    client.emit('control', { action: 'pause' })
    await flush()
    expect(clientEvents).toEqual([['training.progress', { step: 1 }]])
    expect(serverEvents).toEqual([['control', { action: 'pause' }]])
  })

  it('carries errors as {code, message}: a WorkbenchError keeps its code, anything else is "failed", no stack', async () => {
    const { client } = pair(async (route) => {
      if (route === 'echo') throw new WorkbenchError('not-found', 'There is no run 7.')
      throw new TypeError('x is undefined')
    })
    expect(await client.call('echo', { text: '' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no run 7.' }
    })
    const other = await client.call('slow', { ms: 0 })
    expect(other).toEqual({ ok: false, error: { code: 'failed', message: 'x is undefined' } })
    expect(JSON.stringify(other)).not.toMatch(/\n\s+at /)
  })

  it('answers an unknown route, or a side that answers nothing, with a sentence', async () => {
    const { client } = pair(controllable().answer)
    const unknown = await (client as RpcEndpoint).call('nope', {})
    expect(unknown).toEqual({ ok: false, error: { code: 'bad-input', message: 'Unknown request "nope".' } })

    const silent = createRpcEndpoint({ send: (m) => queueMicrotask(() => caller.receive(m)) })
    const caller: RpcEndpoint = createRpcEndpoint({ send: (m) => queueMicrotask(() => silent.receive(m)) })
    expect(await caller.call('anything', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: '"anything" is not available here.' }
    })
  })

  it('gives up after its timeout with a sentence, tells the other side, and ignores the late answer', async () => {
    vi.useFakeTimers()
    const { answer, waiting } = controllable()
    const { client, wire } = pair(answer, 5000)
    const call = client.call('slow', { ms: 9 })
    await vi.advanceTimersByTimeAsync(4999)
    expect(client.pendingCount).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(await call).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'No answer to slow within 5 s; please try again.' }
    })
    expect(waiting[0]!.signal.aborted).toBe(true)
    waiting[0]!.release()
    await vi.advanceTimersByTimeAsync(0)
    // The answerer was told; nothing more crosses, and nothing waits.
    expect(wire.filter((m) => 'result' in m)).toHaveLength(0)
    expect(client.pendingCount).toBe(0)
    // A late answer that does arrive (from a side that ignores cancellation) is dropped quietly.
    expect(client.receive({ id: 1, result: { ok: true, value: 'late' } })).toBe(true)
    expect(client.pendingCount).toBe(0)
    // A call's own timeout overrides the endpoint's.
    const quick = client.call('slow', { ms: 1 }, { timeoutMs: 10 })
    await vi.advanceTimersByTimeAsync(10)
    expect(await quick).toMatchObject({
      ok: false,
      error: { message: 'No answer to slow within 10 ms; please try again.' }
    })
  })

  it('stops waiting when the caller cancels, and the other side sees the abort', async () => {
    const { answer, waiting } = controllable()
    const { client, wire } = pair(answer)
    const controller = new AbortController()
    const call = client.call('slow', { ms: 3 }, { signal: controller.signal })
    await flush()
    controller.abort()
    expect(await call).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled.' } })
    await flush()
    expect(waiting[0]!.signal.aborted).toBe(true)
    expect(wire.some((m) => 'cancel' in m)).toBe(true)
    // Already cancelled: nothing is sent at all.
    const sent = wire.length
    expect((await client.call('echo', { text: 'x' }, { signal: controller.signal })).ok).toBe(false)
    expect(wire.length).toBe(sent)
  })

  it('when the channel dies, every waiting call gets the sentence; after close, new calls get it at once', async () => {
    const { answer } = controllable()
    const { client } = pair(answer)
    const a = client.call('slow', { ms: 1 })
    const b = client.call('slow', { ms: 2 })
    const gone = {
      code: 'engine-crashed' as const,
      message: 'The engine exited with code 1; it is being restarted.'
    }
    client.failPending(gone)
    expect(await a).toEqual({ ok: false, error: gone })
    expect(await b).toEqual({ ok: false, error: gone })
    // failPending keeps the endpoint: a reconnected channel carries new calls.
    expect(await client.call('echo', { text: 'again' })).toEqual({ ok: true, value: { text: 'again' } })
    client.close(gone)
    expect(await client.call('echo', { text: 'after' })).toEqual({ ok: false, error: gone })
  })

  it('fails a call whose message cannot be sent, instead of waiting forever', async () => {
    const endpoint: RpcEndpoint = createRpcEndpoint({
      send: () => {
        throw new Error('ERR_IPC_CHANNEL_CLOSED')
      }
    })
    const result = await endpoint.call('files.list', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    expect(endpoint.pendingCount).toBe(0)
  })

  it('says which messages are not its own, so the channel can refuse them', () => {
    const endpoint = createRpcEndpoint({ send: () => {} })
    for (const junk of [null, 3, 'text', {}, { id: 'x', route: 'a' }, { id: 1, result: 'yes' }])
      expect(endpoint.receive(junk)).toBe(false)
    expect(endpoint.receive({ event: 'op.progress', payload: {} })).toBe(true)
  })

  it('unwrap gives the value, or throws the error as a WorkbenchError with its code', () => {
    expect(unwrap({ ok: true, value: 4 })).toBe(4)
    const thrown = (() => {
      try {
        unwrap({ ok: false, error: { code: 'bad-input', message: 'Give a folder.' } })
      } catch (err) {
        return err
      }
    })()
    expect(thrown).toBeInstanceOf(WorkbenchError)
    expect(thrown).toMatchObject({ code: 'bad-input', message: 'Give a folder.' })
  })
})
