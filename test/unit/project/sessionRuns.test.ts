import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { createClient, type WorkbenchClient } from '../../../src/shared/client'
import type { EventPayload } from '../../../src/shared/contract'
import { createDispatcher } from '../../../src/shared/dispatch'
import { buildTemplate } from '../../../src/shared/network'
import { writeBarsFolder } from '../training/barsFolder'

let dir: string
let defaultRuns: string
const ENDED = ['completed', 'stopped', 'failed']

/** An engine as the app starts one (a restart is a new one): only what is on disk carries over. */
function engine(): WorkbenchClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const handlers = createEngineHandlers(
    {
      dataRoot: dir,
      cacheDir: path.join(dir, 'cache'),
      runsDir: defaultRuns,
      appDataDir: path.join(dir, 'app')
    },
    (name, payload) => listeners.get(name)?.forEach((l) => l(payload))
  )
  return createClient({
    invoke: createDispatcher(handlers),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  })
}

function whenProgress(
  client: WorkbenchClient,
  runId: () => string | null,
  test: (p: EventPayload<'training.progress'>) => boolean
): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on('training.progress', (p) => {
      if (p.runId === runId() && test(p)) {
        off()
        resolve()
      }
    })
  })
}

/** Resolves when the run's record (its `training.run` events, the one source of its state) says it ended. */
const whenState = (client: WorkbenchClient, runId: () => string | null, states: string[]) =>
  new Promise<void>((resolve) => {
    const off = client.on('training.run', (run) => {
      if (run.id === runId() && states.includes(run.status)) {
        off()
        resolve()
      }
    })
  })

/** Opens the bars folder and trains the tiny network on it until it ends, as the Train room does. */
async function trainOnce(client: WorkbenchClient): Promise<string> {
  await client.call('dataset.open', { source: { kind: 'folder', path: path.join(dir, 'bars') }, options: {} })
  let id: string | null = null
  const ended = whenState(client, () => id, ENDED)
  id = (await client.call('training.start', { network: tiny(), settings: { epochs: 1, batchSize: 16 } }))
    .runId
  await ended
  return id
}

const tiny = () => buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
const runIds = async (client: WorkbenchClient) =>
  (await client.call('training.runs', {})).runs.map((r) => r.id)

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'session-runs-'))
  defaultRuns = path.join(dir, 'default-runs')
  await writeBarsFolder(path.join(dir, 'bars'), 96)
}, 60_000)
afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('the first save of a session carries its runs into the project', () => {
  it('moves the runs this session trained, leaves earlier sessions alone, and reopens with them', async () => {
    const earlier = await trainOnce(engine())

    const client = engine()
    const mine = await trainOnce(client)
    expect(await runIds(client)).toEqual(expect.arrayContaining([mine, earlier]))

    const folder = path.join(dir, 'saved')
    const created = await client.call('project.new', { folder })
    expect(await readdir(path.join(folder, 'runs'))).toEqual([mine])
    expect(created.carriedRuns).toBe(1)
    expect(existsSync(path.join(defaultRuns, mine))).toBe(false)
    expect(existsSync(path.join(defaultRuns, earlier, 'run.json'))).toBe(true)
    expect(await runIds(client)).toEqual([mine])
    const evaluation = await client.call('training.evaluation', { runId: mine })
    expect(evaluation.classNames).toEqual(['horizontal', 'vertical'])

    const reopened = engine()
    await reopened.call('project.open', { folder })
    const { runs } = await reopened.call('training.runs', {})
    expect(runs.map((r) => [r.id, r.status])).toEqual([[mine, 'completed']])
  }, 120_000)

  it('lists a run still training with the project and moves it in when it ends', async () => {
    const client = engine()
    await client.call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'bars') },
      options: {}
    })
    let id: string | null = null
    const firstEpoch = whenProgress(
      client,
      () => id,
      (p) => p.epochEnd !== null
    )
    id = (await client.call('training.start', { network: tiny(), settings: { epochs: 500, batchSize: 16 } }))
      .runId
    await firstEpoch

    const folder = path.join(dir, 'while-training')
    const created = await client.call('project.new', { folder })
    // It trains on where it started (its trainer writes there), listed with the project's runs.
    expect(await runIds(client)).toEqual([id])
    expect(existsSync(path.join(defaultRuns, id, 'run.json'))).toBe(true)
    expect(created.carriedRuns).toBe(1)
    const stopped = whenState(client, () => id, ENDED)
    await client.call('training.control', { runId: id, action: 'stop' })
    await stopped
    await expect.poll(() => existsSync(path.join(folder, 'runs', id!, 'run.json'))).toBe(true)
    expect(existsSync(path.join(defaultRuns, id))).toBe(false)
    const { runs } = await client.call('training.runs', {})
    expect(runs.map((r) => [r.id, r.status])).toEqual([[id, 'stopped']])
    expect((await client.call('training.metrics', { runId: id })).lines.length).toBeGreaterThan(0)
  }, 120_000)
})
