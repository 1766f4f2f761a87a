import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createContractRouter } from '../../../src/main/host/contractRouter'
import { EngineHost } from '../../../src/main/host/engineHost'

const standIn = path.join(import.meta.dirname, 'children', 'standInEngine.mjs')
let dir: string
let hosts: EngineHost[] = []
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-engine-start-'))
})
afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()))
  hosts = []
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

function hostFor(mode: 'broken' | 'silent', fixed: string, readyTimeoutMs = 60_000) {
  const host = new EngineHost(
    { entry: standIn, env: { ...process.env, STAND_IN_ENGINE: mode, STAND_IN_ENGINE_FIXED: fixed } },
    { readyTimeoutMs, maxFailedStarts: 3 }
  )
  hosts.push(host)
  const states: { state: string; message?: string }[] = []
  host.on('status', (s: { state: string; message?: string }) => states.push(s))
  const failed = new Promise<string>((resolve) => host.once('failed', resolve))
  return { host, states, failed }
}

describe('an engine that cannot start', () => {
  it('is tried three times, then the host says once why it cannot start, and requests get that sentence', async () => {
    const { host, states, failed } = hostFor('broken', path.join(dir, 'never'))
    host.start()
    const request = host.request('files.list', {})
    const message = await failed
    expect(message).toBe(
      'The engine cannot start: Error: libtensorflow.so.2: cannot open shared object file: No such file or directory'
    )
    expect(states.map((s) => s.state)).toEqual(['crashed', 'restarting', 'crashed', 'restarting', 'failed'])
    expect(states.at(-1)?.message).toBe(message)
    expect(host.restarts).toBe(2)
    expect(await request).toEqual({ ok: false, error: { code: 'unavailable', message } })
    expect(await host.request('files.list', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message }
    })
  }, 120_000)

  it('that never says it is ready is given a bounded time, then the same state', async () => {
    const { host, failed } = hostFor('silent', '', 1000)
    host.start()
    expect(await failed).toBe('The engine cannot start: it did not say it was ready within 1 s')
    expect(host.state).toBe('failed')
  }, 120_000)

  it('starts again on Retry (engine.retry) once the cause is fixed', async () => {
    const fixed = path.join(dir, 'fixed')
    const { host, failed } = hostFor('broken', fixed)
    const contract = createContractRouter(host, {})
    host.start()
    await failed
    await writeFile(fixed, '')
    const ready = new Promise((resolve) => host.once('ready', resolve))
    expect(await contract.invoke('engine.retry', {})).toEqual({ ok: true, value: { state: 'restarting' } })
    await ready
    expect(await contract.invoke('files.list', {})).toEqual({ ok: true, value: { route: 'files.list' } })
    expect(host.failure).toBeNull()
  }, 120_000)
})
