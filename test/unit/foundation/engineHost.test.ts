import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContractRouter } from '../../../src/main/host/contractRouter'
import { EngineHost } from '../../../src/main/host/engineHost'
import { sourceEngineLaunch } from '../../../src/main/host/engineLaunch'

let dir: string
let engine: EngineHost

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'engine-host-'))
  engine = new EngineHost(sourceEngineLaunch({ dataRoot: dir }))
  engine.start()
  await engine.ready()
})

afterAll(async () => {
  await engine.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('the engine process', () => {
  it('answers contract requests from its own process', async () => {
    const r = await engine.request('files.list', {})
    expect(r).toMatchObject({ ok: true, value: { entries: [] } })
    expect(engine.pid).not.toBe(process.pid)
  })

  it('parses input in the engine: a bad request gets a sentence, not a crash', async () => {
    const r = await engine.request('dataset.items', { offset: 'zero' })
    expect(r.ok).toBe(false)
    expect(await engine.request('files.list', {})).toMatchObject({ ok: true })
  })

  it('when killed, says so, fails the waiting request clearly, restarts, and keeps working', async () => {
    const contract = createContractRouter(engine, {})
    const states: string[] = []
    contract.subscribe('engine.status', (s) => states.push((s as { state: string }).state))
    const firstPid = engine.pid
    const restarted = new Promise((r) => engine.once('ready', r))
    process.kill(firstPid!, 'SIGKILL')
    const during = await contract.invoke('files.list', {})
    await restarted
    expect(states).toEqual(expect.arrayContaining(['crashed', 'restarting', 'ready']))
    expect(engine.pid).not.toBe(firstPid)
    expect(engine.restarts).toBe(1)
    if (!during.ok) expect(during.error.message).toMatch(/engine|restart/i)
    expect(await contract.invoke('files.list', {})).toMatchObject({ ok: true })
  })
})
