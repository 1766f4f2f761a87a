// @vitest-environment happy-dom
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AUGMENT_OP_TYPES, isOpEnabled, presetSpec, type AugmentOpType } from '../../src/shared/augment'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { useAugmentStore } from '../../src/renderer/src/stores/augmentStore'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'

let dir: string
const calls: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'augment-store-'))
  // Three classes of 8 images each: an asymmetric bar, so rotations and flips change the pixels.
  for (const [c, name] of ['a', 'b', 'c'].entries()) {
    await mkdir(path.join(dir, 'ds', name), { recursive: true })
    for (let i = 0; i < 8; i++) {
      const svg = `<svg width="16" height="16"><rect width="16" height="16" fill="rgb(${40 * c},${20 * i},90)"/><rect x="2" y="3" width="9" height="4" fill="white"/></svg>`
      await sharp(Buffer.from(svg))
        .png()
        .toFile(path.join(dir, 'ds', name, `${i}.png`))
    }
  }
  // Under happy-dom's window the WebAssembly backend would try to fetch its binary over HTTP; the CPU
  // backend draws the same previews.
  process.env.CNN_WORKBENCH_BACKEND = 'cpu'
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  installClient(createClient(inProcessTransport(dispatch, (route) => calls.push(route)).transport))
})

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => {
  setActivePinia(createPinia())
  calls.length = 0
})

const opIndex = (type: AugmentOpType): number =>
  useAugmentStore().spec.ops.findIndex((op) => op.type === type)
const enabledTypes = (): string[] =>
  useAugmentStore()
    .spec.ops.filter(isOpEnabled)
    .map((op) => op.type)

async function openDatasetAndPreview() {
  const dataset = useDatasetStore()
  expect(await dataset.open({ kind: 'folder', path: path.join(dir, 'ds') }, { seed: 1 })).toBe(true)
  const store = useAugmentStore()
  await store.newImages()
  store.refreshPreview()
  await store.previewSettled()
  return store
}

describe('the augmentation pipeline', () => {
  it('starts with every kind of op listed and switched off, so nothing changes the images', async () => {
    const store = await openDatasetAndPreview()
    expect(store.spec.ops.map((op) => op.type).sort()).toEqual([...AUGMENT_OP_TYPES].sort())
    expect(enabledTypes()).toEqual([])
    expect(store.shownIndexes).toHaveLength(8)
    const images = store.preview?.images ?? []
    expect(images.map((im) => im.index)).toEqual(store.shownIndexes)
    // Three classes are spread over the eight images.
    expect(new Set(images.map((im) => im.label)).size).toBe(3)
    for (const im of images) {
      expect(im.variants).toHaveLength(8)
      for (const v of im.variants) {
        expect(v.label).toBe('original')
        expect(v.pixels).toEqual(im.original)
      }
    }
    expect(store.serverMs).toBeGreaterThanOrEqual(0)
    expect(store.roundTripMs).toBeGreaterThanOrEqual(store.serverMs ?? 0)
  })

  it('switching an op on changes the variants as drawn, and switching it off restores them', async () => {
    const store = await openDatasetAndPreview()
    const rotate = opIndex('rotate')
    store.updateOp(rotate, { degrees: [30, 30] })
    store.setEnabled(rotate, true)
    expect(store.preset).toBe('custom')
    store.refreshPreview()
    await store.previewSettled()
    const first = store.preview!.images[0]!
    expect(first.variants.map((v) => v.label)).toEqual(Array(8).fill('rotate 30°'))
    expect(first.variants[0]!.pixels).not.toEqual(first.original)

    store.setEnabled(rotate, false)
    store.refreshPreview()
    await store.previewSettled()
    expect(store.preview!.images[0]!.variants[0]!.pixels).toEqual(first.original)
  })

  it('while one preview is being drawn, only the newest of many edits is sent next', async () => {
    const store = await openDatasetAndPreview()
    calls.length = 0
    const rotate = opIndex('rotate')
    store.setEnabled(rotate, true)
    for (let deg = 1; deg <= 20; deg++) {
      store.updateOp(rotate, { degrees: [deg, deg] })
      store.refreshPreview()
    }
    await store.previewSettled()
    expect(calls.filter((c) => c === 'augment.preview')).toHaveLength(2)
    expect(store.preview!.images[0]!.variants[0]!.label).toBe('rotate 20°')
  })

  it('loads a preset in place of every op, keeps the others switched off, and can undo it', async () => {
    const store = useAugmentStore()
    store.loadPreset('lecture')
    expect(store.preset).toBe('lecture')
    expect(enabledTypes()).toEqual(presetSpec('lecture')!.ops.map((op) => op.type))
    expect(store.spec.ops).toHaveLength(AUGMENT_OP_TYPES.length)
    expect(store.specErrors).toEqual([])
    expect(store.spec.ops.find((op) => op.type === 'saltPepper')).toMatchObject({ amount: [0.025, 0.1] })

    store.loadPreset('light')
    expect(enabledTypes()).toEqual(['rotate', 'shift', 'scale', 'brightness'])
    store.undo()
    expect(store.preset).toBe('lecture')
    expect(enabledTypes()).toContain('saltPepper')
    expect(store.canUndo).toBe(false)
  })

  it('one fill setting applies to rotate, shift and scale, so enabling any of them stays valid', () => {
    const store = useAugmentStore()
    store.loadPreset('strong')
    store.setFill({ mode: 'reflect' })
    for (const type of ['rotate', 'shift', 'scale'] as const) {
      expect(store.spec.ops[opIndex(type)]).toMatchObject({ fill: 'reflect' })
    }
    expect(store.fill.mode).toBe('reflect')
    expect(store.specErrors).toEqual([])
  })

  it('re-rolling the seed draws other variants of the same images', async () => {
    const store = await openDatasetAndPreview()
    store.updateOp(opIndex('rotate'), { degrees: [-90, 90] })
    store.setEnabled(opIndex('rotate'), true)
    store.refreshPreview()
    await store.previewSettled()
    const before = store.preview!.images.map((im) => im.variants.map((v) => v.label))
    const seed = store.seed
    store.reroll()
    expect(store.seed).not.toBe(seed)
    store.refreshPreview()
    await store.previewSettled()
    expect(store.preview!.images.map((im) => im.index)).toEqual(store.shownIndexes)
    expect(store.preview!.images.map((im) => im.variants.map((v) => v.label))).not.toEqual(before)
    store.setSeed(seed)
    store.refreshPreview()
    await store.previewSettled()
    expect(store.preview!.images.map((im) => im.variants.map((v) => v.label))).toEqual(before)
  })

  it('shows a later epoch: variants start at the epoch chosen', async () => {
    const store = await openDatasetAndPreview()
    store.setEpoch(5)
    store.refreshPreview()
    await store.previewSettled()
    expect(store.preview!.images[0]!.variants.map((v) => v.epoch)).toEqual([5, 6, 7, 8, 9, 10, 11, 12])
  })

  it('keeps pinned images in place when new images are picked', async () => {
    const store = await openDatasetAndPreview()
    const before = [...store.shownIndexes]
    store.togglePin(before[2]!)
    await store.newImages()
    expect(store.shownIndexes[2]).toBe(before[2])
    const replaced = store.shownIndexes.filter((i, k) => k !== 2 && i !== before[k])
    expect(replaced.length).toBeGreaterThan(4)
    expect(new Set(store.shownIndexes).size).toBe(store.shownIndexes.length)
  })

  it('exports the pipeline as JSON and imports it back unchanged, with sentences for a bad file', () => {
    const store = useAugmentStore()
    store.loadPreset('strong')
    store.updateOp(opIndex('contrast'), { factor: [0.5, 1.5], enabled: false })
    const text = store.exportJson()
    const exported = JSON.parse(JSON.stringify(store.spec)) as unknown

    setActivePinia(createPinia())
    const fresh = useAugmentStore()
    expect(fresh.importJson(text)).toEqual([])
    expect(fresh.spec).toEqual(exported)
    expect(fresh.spec.ops[opIndex('contrast')]).toMatchObject({ factor: [0.5, 1.5], enabled: false })

    const errors = fresh.importJson('{"ops": [{"type": "rotate", "degrees": [40, 10]}]}')
    expect(errors.join(' ')).toMatch(/ops\[0\]\.degrees: .*first number must not exceed the second/)
    expect(fresh.importJson('{ not json')[0]).toMatch(/not valid JSON/)
    expect(fresh.spec).toEqual(exported)
  })
})
