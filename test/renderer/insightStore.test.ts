// @vitest-environment happy-dom
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { useInsightStore } from '../../src/renderer/src/stores/insightStore'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { buildTemplate } from '../../src/shared/network'
import { writeTestRun } from '../unit/export/exportFixtures'

let dir: string
const CLASSES = ['dark', 'light']
const model = { runId: 'run' }
let client: ReturnType<typeof createClient>

beforeAll(async () => {
  // The DOM environment makes tfjs look for WebGL, which is not here; the engine computes on the CPU.
  await tf.setBackend('cpu')
  dir = await mkdtemp(path.join(os.tmpdir(), 'insight-store-'))
  const runsDir = path.join(dir, 'runs')
  const spec = buildTemplate('lecture', { height: 16, width: 16, channels: 3 }, CLASSES.length)
  ;(await writeTestRun(path.join(runsDir, 'run'), spec, CLASSES, 4)).dispose()
  for (const [c, name] of CLASSES.entries()) {
    await mkdir(path.join(dir, 'ds', name), { recursive: true })
    for (let i = 0; i < 6; i++)
      await sharp({
        create: { width: 16, height: 16, channels: 3, background: { r: 30 + c * 180 + i, g: 90, b: 60 } }
      })
        .png()
        .toFile(path.join(dir, 'ds', name, `${i}.png`))
  }
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, runsDir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  client = createClient(inProcessTransport(dispatch).transport)
  installClient(client)
  await client.call('dataset.open', {
    source: { kind: 'folder', path: path.join(dir, 'ds') },
    options: { size: 16 }
  })
}, 120_000)

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => setActivePinia(createPinia()))

describe('the insight store', () => {
  it('opens a dataset image: its path, true class, all probabilities and every layer decoded', async () => {
    const store = useInsightStore()
    await store.open({ model, image: { datasetIndex: 7 } })
    const ins = store.inspection!
    expect(store.error).toBeNull()
    expect(ins.image.path).toMatch(/^light\/\d\.png$/)
    expect(ins.image.trueClass).toBe('light')
    expect(ins.image.pixels).toHaveLength(16 * 16 * 3)
    expect(ins.probabilities).toHaveLength(2)
    expect(ins.probabilities[0]! + ins.probabilities[1]!).toBeCloseTo(1, 5)
    // The lecture network: conv, pool, conv, pool, flatten, dense, dropout, dense.
    expect(ins.layers.map((l) => l.values.length)).toEqual([
      16 * 16 * 32,
      8 * 8 * 32,
      8 * 8 * 64,
      4 * 4 * 64,
      4 * 4 * 64,
      1024,
      1024,
      2
    ])
    // Flatten and dropout arrive as references and are decoded to the values they repeat.
    expect(ins.layers[4]!.values).toBe(ins.layers[3]!.values)
    expect(ins.layers[6]!.values).toBe(ins.layers[5]!.values)
    expect(Array.from(ins.layers[7]!.values)).toEqual(ins.probabilities.map((p) => Math.fround(p)))
  })

  it('keeps the answer for the image opened last when two are on their way', async () => {
    const store = useInsightStore()
    const first = store.open({ model, image: { datasetIndex: 1 } })
    const second = store.open({ model, image: { datasetIndex: 8 } })
    await Promise.all([first, second])
    expect(store.target?.image).toEqual({ datasetIndex: 8 })
    expect(store.inspection?.image.trueClass).toBe('light')
    expect(store.loading).toBe(false)
  })

  it('reads the filters of the first conv layer, then another layer on demand', async () => {
    const store = useInsightStore()
    await store.open({ model, image: { datasetIndex: 0 } })
    await store.loadFilters()
    expect(store.filterLayers.map((l) => [l.layer, l.kernelShape])).toEqual([
      [0, [5, 5, 3, 32]],
      [2, [5, 5, 32, 64]]
    ])
    expect(store.filterValues.get(0)).toHaveLength(5 * 5 * 3 * 32)
    expect(store.filterValues.has(2)).toBe(false)
    await store.loadFilters(2)
    expect(store.filterValues.get(2)).toHaveLength(5 * 5 * 32 * 64)
  })

  it('computes Grad-CAM at the last conv layer, at a chosen one, and gradient saliency', async () => {
    const store = useInsightStore()
    await store.open({ model, image: { datasetIndex: 3 } })
    await store.loadSaliency({ method: 'gradcam' })
    expect(store.saliencyMap).toMatchObject({ method: 'gradcam', layer: 2, shape: [8, 8] })
    expect(store.saliencyMap?.values).toHaveLength(64)
    await store.loadSaliency({ method: 'gradcam', layer: 0, classIndex: 1 })
    expect(store.saliencyMap).toMatchObject({ layer: 0, shape: [16, 16], className: 'light' })
    await store.loadSaliency({ method: 'gradient' })
    expect(store.saliencyMap).toMatchObject({ method: 'gradient', layer: null, shape: [16, 16] })
    await store.loadSaliency({ method: 'gradcam', layer: 4 })
    expect(store.saliencyError).toContain('layer 4 is flatten')
  })

  it("gives a confusion cell's Grad-CAMs by image, and closes back to nothing", async () => {
    const store = useInsightStore()
    await store.loadCellCams('run', [0, 2, 9])
    expect([...store.cellCams.keys()]).toEqual([0, 2, 9])
    for (const cam of store.cellCams.values()) expect('values' in cam && cam.values.length).toBe(64)
    await store.open({ model, image: { datasetIndex: 0 } })
    store.close()
    expect(store.isOpen).toBe(false)
    expect(store.inspection).toBeNull()
  })

  it('says in words why a model cannot be opened', async () => {
    const store = useInsightStore()
    await store.open({ model: { runId: 'no-such-run' }, image: { datasetIndex: 0 } })
    expect(store.inspection).toBeNull()
    expect(store.error).toContain('is neither a training run folder')
  })
})
