import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { loadLayersModelFromFolder } from '../../../src/main/engine/predict'
import { buildTemplate } from '../../../src/shared/network'
import { createClient, type WorkbenchClient } from '../../../src/shared/client'
import { createDispatcher } from '../../../src/shared/dispatch'
import { writeBarsFolder } from '../training/barsFolder'

let dir: string
let client: WorkbenchClient
const listeners = new Map<string, Set<(p: unknown) => void>>()

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'exported-model-'))
  await writeBarsFolder(path.join(dir, 'bars'), 200)
  // The same images under other class names: a dataset the export does not fit.
  await cp(path.join(dir, 'bars', 'horizontal'), path.join(dir, 'other', 'flat'), { recursive: true })
  await cp(path.join(dir, 'bars', 'vertical'), path.join(dir, 'other', 'upright'), { recursive: true })
  const handlers = createEngineHandlers(
    { dataRoot: dir, cacheDir: path.join(dir, 'cache'), runsDir: path.join(dir, 'runs') },
    (name, payload) => listeners.get(name)?.forEach((l) => l(payload))
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
  await tf.setBackend('cpu')
}, 60_000)

afterAll(async () => rm(dir, { recursive: true, force: true }))

function ended(runId: string): Promise<string> {
  return new Promise((resolve) => {
    const off = client.on('training.run', (run) => {
      if (run.id === runId && ['completed', 'failed', 'stopped'].includes(run.status)) {
        off()
        resolve(run.status)
      }
    })
  })
}

async function train(
  settings: { epochs: number; learningRate: number },
  initialWeights?: string
): Promise<{ runId: string; runDir: string }> {
  const network = buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
  const started = await client.call('training.start', {
    network,
    settings: { ...settings, batchSize: 16, seed: 5 },
    augment: null,
    ...(initialWeights ? { initialWeights: { modelDir: initialWeights } } : {})
  })
  expect(await ended(started.runId)).toBe('completed')
  return started
}

async function maxWeightDifference(a: string, b: string): Promise<number> {
  const [ma, mb] = await Promise.all([loadLayersModelFromFolder(a), loadLayersModelFromFolder(b)])
  try {
    return Math.max(
      ...ma
        .getWeights()
        .map((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, mb.getWeights()[i]!))).dataSync()[0]!))
    )
  } finally {
    ma.dispose()
    mb.dispose()
  }
}

describe('an exported TF.js model taken back into the app', () => {
  const exported = () => path.join(dir, 'exports', 'tiny-tfjs')
  let trained: { runId: string; runDir: string }

  it('evaluates on the open dataset exactly as the run evaluated itself', async () => {
    await client.call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'bars') },
      options: { seed: 3 }
    })
    trained = await train({ epochs: 3, learningRate: 0.01 })
    await client.call('export.run', { runId: trained.runId, format: 'tfjs', outPath: exported() })

    const manifest = await client.call('model.describe', { modelDir: exported() })
    expect(manifest.classes).toEqual(['horizontal', 'vertical'])
    expect(manifest.network?.layers.length).toBeGreaterThan(0)

    const own = await client.call('training.evaluation', { runId: trained.runId })
    const fromExport = await client.call('model.evaluate', { modelDir: exported() })
    expect(own.accuracy).toBeGreaterThan(0.9)
    expect(fromExport.count).toBe(own.count)
    expect(fromExport.accuracy).toBe(own.accuracy)
    expect(fromExport.confusion).toEqual(own.confusion)
    expect(fromExport.loss).toBeCloseTo(own.loss!, 4)
    expect(fromExport.predictions).toHaveLength(own.count)
  }, 120_000)

  it('trains further from the exported weights instead of fresh ones', async () => {
    const manifest = await client.call('model.describe', { modelDir: exported() })
    const exportEval = await client.call('model.evaluate', { modelDir: exported() })
    // A learning rate so small that one epoch barely moves the weights: the run ends where it started.
    const tiny = { epochs: 1, learningRate: 1e-7 }
    const further = await client.call('training.start', {
      network: manifest.network!,
      settings: { ...tiny, batchSize: 16, seed: 5 },
      augment: null,
      initialWeights: { modelDir: exported() }
    })
    expect(await ended(further.runId)).toBe('completed')
    const fresh = await train(tiny)

    expect(await maxWeightDifference(exported(), path.join(further.runDir, 'model'))).toBeLessThan(1e-4)
    expect(await maxWeightDifference(exported(), path.join(fresh.runDir, 'model'))).toBeGreaterThan(0.01)

    const { runs } = await client.call('training.runs', {})
    const furtherRun = runs.find((r) => r.id === further.runId)
    const freshRun = runs.find((r) => r.id === fresh.runId)
    expect(furtherRun?.final?.testLoss).toBeCloseTo(exportEval.loss!, 3)
    expect(furtherRun?.final?.testAccuracy).toBe(exportEval.accuracy)
    expect(freshRun?.final?.testLoss).toBeGreaterThan(exportEval.loss! + 0.2)
  }, 120_000)

  it('says clearly when the export does not fit the open dataset or the network', async () => {
    const network = buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
    const wider = {
      ...network,
      layers: network.layers.map((l) => (l.type === 'conv2d' ? { ...l, filters: l.filters + 3 } : l))
    }
    await expect(
      client.call('training.start', {
        network: wider,
        settings: { epochs: 1, batchSize: 16, seed: 5 },
        augment: null,
        initialWeights: { modelDir: exported() }
      })
    ).rejects.toThrow(
      /does not fit this network: weight 1 .*train further with the network the model was exported with/
    )
    const before = (await client.call('training.runs', {})).runs.length

    await client.call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'other') },
      options: { seed: 3 }
    })
    await expect(client.call('model.evaluate', { modelDir: exported() })).rejects.toThrow(
      /trained on the classes horizontal, vertical but the open dataset has flat, upright/
    )
    await expect(
      client.call('training.start', {
        network,
        settings: { epochs: 1 },
        augment: null,
        initialWeights: { modelDir: exported() }
      })
    ).rejects.toThrow(/open a dataset with the same classes/)
    await expect(client.call('model.evaluate', { modelDir: path.join(dir, 'bars') })).rejects.toThrow(
      /is not a TF\.js export: it has no preprocessing\.json/
    )
    // A refused start leaves no run behind.
    expect((await client.call('training.runs', {})).runs.length).toBe(before)
  }, 60_000)
})
