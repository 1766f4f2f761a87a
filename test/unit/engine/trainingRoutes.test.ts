import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { buildTemplate } from '../../../src/shared/network'
import { createClient, type WorkbenchClient } from '../../../src/shared/client'
import type { EventPayload } from '../../../src/shared/contract'
import { createDispatcher } from '../../../src/shared/dispatch'
import { writeBarsFolder } from '../training/barsFolder'

let dir: string
let client: WorkbenchClient
const progress: EventPayload<'training.progress'>[] = []
const runEvents: EventPayload<'training.run'>[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'train-routes-'))
  await writeBarsFolder(path.join(dir, 'bars'), 240)
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const handlers = createEngineHandlers(
    { dataRoot: dir, cacheDir: path.join(dir, 'cache'), runsDir: path.join(dir, 'runs') },
    (name, payload) => {
      if (name === 'training.progress') progress.push(payload as EventPayload<'training.progress'>)
      if (name === 'training.run') runEvents.push(payload as EventPayload<'training.run'>)
      listeners.get(name)?.forEach((l) => l(payload))
    }
  )
  client = createClient({
    invoke: createDispatcher(handlers),
    subscribe: (event, l) => {
      const set = listeners.get(event) ?? new Set()
      set.add(l)
      listeners.set(event, set)
      return () => set.delete(l)
    }
  })
}, 60_000)

afterAll(async () => rm(dir, { recursive: true, force: true }))

/** Resolves when the engine says the run's state is one of `states` (its run events are the one source). */
function waitForState(runId: string, states: string[]): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on('training.run', (run) => {
      if (run.id === runId && states.includes(run.status)) {
        off()
        resolve()
      }
    })
  })
}

describe('training through the contract, as the Train room uses it', () => {
  it('refuses to train without a dataset, with a sentence', async () => {
    await expect(
      client.call('training.start', {
        network: buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2),
        settings: {}
      })
    ).rejects.toThrow(/Open a dataset/)
  })

  it('trains, streams progress, can pause and resume, and leaves a complete run with an evaluation', async () => {
    await client.call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'bars') },
      options: { seed: 3 }
    })
    // The network's input and classifier follow the open dataset, whatever the spec says.
    const network = buildTemplate('tiny', { height: 28, width: 28, channels: 3 }, 7)
    const { runId, runDir } = await client.call('training.start', {
      network,
      settings: { epochs: 4, batchSize: 16, learningRate: 0.01, seed: 5 },
      augment: null
    })
    expect(runDir.startsWith(path.join(dir, 'runs'))).toBe(true)
    const paused = Promise.all([
      waitForState(runId, ['paused']),
      new Promise<void>((resolve) => {
        const off = client.on('training.progress', (p) => {
          if (p.runId !== runId || p.state !== 'paused') return
          off()
          resolve()
        })
      })
    ])
    // The answer says where the run stands; its events say when the pause has been taken.
    expect(await client.call('training.control', { runId, action: 'pause' })).toEqual({ status: 'running' })
    await paused
    const pausedAt = progress.filter((p) => p.runId === runId).length
    expect(progress.filter((p) => p.runId === runId).at(-1)?.state).toBe('paused')
    const ended = waitForState(runId, ['completed', 'failed'])
    await client.call('training.control', { runId, action: 'resume' })
    await ended
    // Nothing trained between the pause and the resume: the next event says the run is running again.
    expect(progress.filter((p) => p.runId === runId)[pausedAt]).toMatchObject({ state: 'running', batch: 0 })

    const mine = progress.filter((p) => p.runId === runId)
    expect(runEvents.filter((r) => r.id === runId).at(-1)?.status).toBe('completed')
    expect(runEvents.filter((r) => r.id === runId).map((r) => r.status)).toEqual(
      expect.arrayContaining(['running', 'paused', 'completed'])
    )
    expect(mine.filter((p) => p.epochEnd).map((p) => p.epoch)).toEqual([1, 2, 3, 4])

    const { runs } = await client.call('training.runs', {})
    const run = runs.find((r) => r.id === runId)
    expect(run?.status).toBe('completed')
    expect(run?.final?.valAccuracy).toBeGreaterThan(0.9)
    expect(run?.backend?.why).toBeTruthy()

    const { lines } = await client.call('training.metrics', { runId })
    expect(lines.filter((l) => l.kind === 'epoch')).toHaveLength(4)

    const evaluation = await client.call('training.evaluation', { runId })
    const total = evaluation.confusion.flat().reduce((a, b) => a + b, 0)
    expect(total).toBe(evaluation.count)
    expect(evaluation.predictions).toHaveLength(evaluation.count)
    expect(evaluation.classNames).toEqual(['horizontal', 'vertical'])
  }, 120_000)

  it('says why a forced backend cannot be used, instead of training elsewhere', async () => {
    const network = buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
    await expect(
      client.call('training.start', { network, settings: { epochs: 1 }, augment: null, backend: 'tfjs-node' })
    ).rejects.toThrow(/tfjs-node/)
  }, 60_000)

  it('exports the run and predicts with it, with the training preprocessing', async () => {
    const { runs } = await client.call('training.runs', {})
    const runId = runs[0]!.id
    const plan = await client.call('export.describe', { runId, format: 'tfjs' })
    expect(plan.files.map((f) => f.name)).toEqual(
      expect.arrayContaining(['model.json', 'weights.bin', 'preprocessing.json'])
    )
    const out = path.join(dir, 'exported')
    const result = await client.call('export.run', { runId, format: 'tfjs', outPath: out })
    expect(existsSync(path.join(out, 'model.json'))).toBe(true)
    expect(result.files.length).toBeGreaterThanOrEqual(3)
    const manifest = JSON.parse(await readFile(path.join(out, 'preprocessing.json'), 'utf8'))
    expect(manifest.classes).toEqual(['horizontal', 'vertical'])
    // A folder that holds files is replaced only when the caller says the person agreed.
    expect(await client.call('export.target', { outPath: out })).toEqual({
      files: ['model.json', 'preprocessing.json', 'weights.bin'],
      count: 3
    })
    await expect(client.call('export.run', { runId, format: 'onnx', outPath: out })).rejects.toThrow(
      /already holds 3 files; nothing was replaced/
    )
    expect(existsSync(path.join(out, 'weights.bin'))).toBe(true)
    await client.call('export.run', { runId, format: 'onnx', outPath: out, replace: true })
    expect(existsSync(path.join(out, 'model.onnx'))).toBe(true)
    expect(existsSync(path.join(out, 'weights.bin'))).toBe(false)
    await client.call('export.run', { runId, format: 'tfjs', outPath: out, replace: true })

    const image = await readFile(
      path.join(
        dir,
        'bars',
        'vertical',
        (await import('node:fs')).readdirSync(path.join(dir, 'bars', 'vertical'))[0]!
      )
    )
    const fromRun = await client.call('predict.images', {
      model: { runId },
      images: [{ name: 'v.png', data: image.toString('base64') }],
      topK: 2
    })
    const fromExport = await client.call('predict.images', {
      model: { modelDir: out },
      images: [{ name: 'v.png', data: image.toString('base64') }],
      topK: 2
    })
    expect(fromRun.predictions[0]!.top[0]!.class).toBe('vertical')
    expect(fromExport.predictions[0]!.top).toEqual(fromRun.predictions[0]!.top)
    const sum = fromRun.predictions[0]!.top.reduce((a, t) => a + t.probability, 0)
    expect(sum).toBeCloseTo(1, 5)
  }, 60_000)
})
