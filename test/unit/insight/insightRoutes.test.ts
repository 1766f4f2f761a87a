import * as tf from '@tensorflow/tfjs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { featureMaps } from '../../../src/main/engine/insight/featureMaps'
import { loadInspectedModel } from '../../../src/main/engine/insight/inspectedModel'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { RouteOutput } from '../../../src/shared/contract'
import { createDispatcher, type Dispatch } from '../../../src/shared/dispatch'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from '../export/exportFixtures'
import { maxDifference } from './insightFixtures'

const CLASSES = ['bright', 'dark']
let dir: string
let cleanup: () => Promise<void>
let dispatch: Dispatch
let bright: string
const model = { runId: 'run' }

const decode = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, 'base64')
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
}

async function call<T>(route: string, input: unknown): Promise<T> {
  const result = await dispatch(route, input)
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
  return result.value as T
}

beforeAll(async () => {
  await trainingBackend('wasm')
  ;({ dir, cleanup } = await tempDir('cw-insight-routes-'))
  const runsDir = path.join(dir, 'runs')
  const spec = buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
  ;(await writeTestRun(path.join(runsDir, 'run'), spec, CLASSES, 9)).dispose()
  // A two-class folder at the model's size, to open as the dataset.
  for (const [name, shade] of [
    ['bright', 230],
    ['dark', 25]
  ] as const) {
    await mkdir(path.join(dir, 'data', name), { recursive: true })
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, 'data', name, `${i}.png`)
      await sharp({
        create: { width: 12, height: 12, channels: 3, background: { r: shade, g: shade, b: shade + i } }
      })
        .png()
        .toFile(file)
    }
  }
  bright = path.join(dir, 'data', 'bright', '0.png')
  dispatch = createDispatcher(
    createEngineHandlers(
      { dataRoot: dir, runsDir, cacheDir: path.join(dir, 'cache'), appDataDir: dir },
      () => {}
    )
  )
})

afterAll(async () => {
  await cleanup()
})

type Maps = RouteOutput<'insight.featureMaps'>

describe('insight routes', () => {
  it('send every layer as base64 float32 that decodes to what the engine computed', async () => {
    const data = (await sharp(bright).png().toBuffer()).toString('base64')
    const answer = await call<Maps>('insight.featureMaps', { model, image: { name: 'b.png', data } })
    expect(answer.image.path).toBeNull()
    expect(answer.image.trueClass).toBeNull()
    expect(answer.classes).toEqual(CLASSES)
    expect(answer.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
    expect(answer.network.map((l) => [l.layer, l.kind, l.spatial])).toEqual([
      [0, 'conv2d', true],
      [1, 'maxPool2d', true],
      [2, 'flatten', false],
      [3, 'dense', false]
    ])
    const inspected = await loadInspectedModel(path.join(dir, 'runs', 'run'))
    try {
      const pixels = new Uint8Array(Buffer.from(answer.image.pixels, 'base64'))
      const direct = await featureMaps(inspected, pixels, undefined)
      for (const layer of answer.layers) {
        const own = direct.layers.find((l) => l.layer === layer.layer)!
        const values =
          layer.values === null ? direct.layers[layer.sameValuesAs!]!.values : decode(layer.values)
        expect(maxDifference(values, own.values)).toBe(0)
        expect(layer.channels).toHaveLength(layer.shape.length === 3 ? layer.shape[2]! : 0)
      }
      expect(answer.layers[2]?.sameValuesAs).toBe(1)
    } finally {
      inspected.model.dispose()
    }
  })

  it('use an open dataset image with its path and true class, and refuse one the model cannot read', async () => {
    await expect(call('insight.featureMaps', { model, image: { datasetIndex: 0 } })).rejects.toThrow(
      'No dataset is open'
    )
    await call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'data') },
      options: { size: 12, channels: 1 }
    })
    const items = await call<RouteOutput<'dataset.items'>>('dataset.items', { offset: 0, limit: 10 })
    const darkOne = items.items.find((it) => it.label === 1)!
    const answer = await call<Maps>('insight.featureMaps', { model, image: { datasetIndex: darkOne.index } })
    expect(answer.image.trueClass).toBe('dark')
    expect(answer.image.path).toBe(darkOne.path)
    await expect(
      call('insight.featureMaps', {
        model,
        image: { name: 'x.png', data: Buffer.from('no image').toString('base64') }
      })
    ).rejects.toThrow('x.png cannot be used')
  })

  it('give the filters of the first conv layer by default, with every conv layer listed', async () => {
    const answer = await call<RouteOutput<'insight.filters'>>('insight.filters', { model })
    expect(answer.layers.map((l) => [l.layer, l.kernelShape])).toEqual([[0, [3, 3, 1, 8]]])
    expect(decode(answer.selected!.values)).toHaveLength(3 * 3 * 8)
    await expect(call('insight.filters', { model, layer: 1 })).rejects.toThrow('Layer 1 is maxPool2d')
  })

  it('give Grad-CAM and gradient maps for several images, and stop when cancelled', async () => {
    const images = [{ datasetIndex: 0 }, { datasetIndex: 5 }]
    const cams = await call<RouteOutput<'insight.saliency'>>('insight.saliency', { model, images })
    expect(cams.maps).toHaveLength(2)
    for (const map of cams.maps) {
      if ('error' in map && map.error !== undefined) throw new Error(map.error)
      expect(map).toMatchObject({ method: 'gradcam', layer: 0, shape: [12, 12] })
      expect(decode((map as { values: string }).values)).toHaveLength(144)
    }
    const gradient = await call<RouteOutput<'insight.saliency'>>('insight.saliency', {
      model,
      images: [images[0]],
      method: 'gradient',
      classIndex: 1
    })
    expect(gradient.maps[0]).toMatchObject({
      method: 'gradient',
      layer: null,
      classIndex: 1,
      className: 'dark'
    })

    const before = tf.memory().numTensors
    const many = Array.from({ length: 40 }, (_, i) => ({ datasetIndex: i % 8 }))
    const running = dispatch('insight.saliency', { model, images: many, opId: 'cams' })
    const cancelled = await dispatch('op.cancel', { opId: 'cams' })
    expect(cancelled).toEqual({ ok: true, value: { cancelled: true } })
    const result = await running
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error.code).toBe('cancelled')
    expect(tf.memory().numTensors).toBe(before)
  })

  it('load the model again when its weights on disk change', async () => {
    const image = { datasetIndex: 2 }
    const before = await call<Maps>('insight.featureMaps', { model, image, layers: [0] })
    const spec = buildTemplate('tiny', { height: 12, width: 12, channels: 1 }, 2)
    ;(await writeTestRun(path.join(dir, 'runs', 'run'), spec, CLASSES, 10)).dispose()
    const after = await call<Maps>('insight.featureMaps', { model, image, layers: [0] })
    expect(after.layers[0]!.values).not.toBe(before.layers[0]!.values)
  })
})
