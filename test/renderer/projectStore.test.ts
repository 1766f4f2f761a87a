// @vitest-environment happy-dom
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { useAppStore } from '../../src/renderer/src/stores/appStore'
import { useAugmentStore } from '../../src/renderer/src/stores/augmentStore'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'
import { useNetworkStore } from '../../src/renderer/src/stores/networkStore'
import { AUTOSAVE_DELAY_MS, useProjectStore } from '../../src/renderer/src/stores/projectStore'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { buildTemplate } from '../../src/shared/network'
import { ProjectFile } from '../../src/shared/project'
import { defaultTrainingSettings } from '../../src/shared/training'

let dir: string
const calls: string[] = []
const saves = () => calls.filter((c) => c === 'project.save').length

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'project-store-'))
  for (const [name, shade] of [
    ['cats', 40],
    ['dogs', 200]
  ] as const) {
    await mkdir(path.join(dir, 'pets', name), { recursive: true })
    for (let i = 0; i < 5; i++)
      await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: shade, g: i * 20, b: 0 } } })
        .png()
        .toFile(path.join(dir, 'pets', name, `${i}.png`))
  }
  // The real engine behind an in-process transport that notes every route called.
  const dispatch = createDispatcher(
    createEngineHandlers(
      {
        dataRoot: dir,
        cacheDir: path.join(dir, 'cache'),
        runsDir: path.join(dir, 'runs'),
        appDataDir: path.join(dir, 'app')
      },
      () => {}
    )
  )
  installClient(createClient(inProcessTransport(dispatch, (route) => calls.push(route)).transport))
})
afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => {
  setActivePinia(createPinia())
  calls.length = 0
})
afterEach(() => vi.useRealTimers())

const pets = { kind: 'folder' as const, path: '' }
const readSaved = async (folder: string) =>
  ProjectFile.parse(JSON.parse(await readFile(path.join(folder, 'project.json'), 'utf8')))

/** Rooms set up as a user would: a dataset, the Tiny network, one augmentation op on, training settings. */
async function setUpRooms(): Promise<void> {
  expect(await useDatasetStore().open({ ...pets, path: path.join(dir, 'pets') }, { size: 8, seed: 3 })).toBe(
    true
  )
  const network = useNetworkStore()
  network.setClassCount(2)
  network.setInput({ height: 8, width: 8, channels: 3 })
  network.loadTemplate('tiny')
  const augment = useAugmentStore()
  const rotate = augment.spec.ops.findIndex((op) => op.type === 'rotate')
  augment.updateOp(rotate, { enabled: true, degrees: [-15, 15] })
  augment.setSeed(77)
  useTrainingStore().setSettings(defaultTrainingSettings({ epochs: 4, batchSize: 8, optimizer: 'rmsprop' }))
}

describe('the project store', () => {
  it('collects every room into the project and keeps the last valid state of a room being edited', async () => {
    await setUpRooms()
    const store = useProjectStore()
    const { content, kept } = store.collected
    expect(kept).toEqual([])
    expect(content.dataset).toEqual({
      source: { kind: 'folder', path: path.join(dir, 'pets') },
      options: { size: 8, seed: 3 }
    })
    expect(content.network).toEqual(buildTemplate('tiny', { height: 8, width: 8, channels: 3 }, 2))
    expect(content.augment.ops.find((op) => op.type === 'rotate')).toMatchObject({
      enabled: true,
      degrees: [-15, 15]
    })
    expect(content.augmentSeed).toBe(77)
    expect(content.training).toMatchObject({ epochs: 4, batchSize: 8, optimizer: 'rmsprop' })

    const folder = path.join(dir, 'collect')
    expect(await store.create(folder, 'Pets')).toBe(true)
    expect(store.name).toBe('Pets')
    expect(store.saveState).toBe('saved')
    const network = useNetworkStore()
    network.update(0, { filters: 0 } as never)
    expect(store.kept).toEqual(['network'])
    expect(store.collected.content.network).toEqual((await readSaved(folder)).network)
  })

  it('saves once, a moment after the last of several quick changes', async () => {
    // What a reload would lose (the page asks before it): nothing in a fresh app (whose top bar makes the
    // store at once), the unsaved session's rooms once they hold work, then a project's unsaved changes.
    const store = useProjectStore()
    expect(store.unsavedWork).toBeNull()
    await setUpRooms()
    expect(store.unsavedWork).toMatch(/not saved in a project/)
    const folder = path.join(dir, 'debounce')
    await store.create(folder)
    expect(store.unsavedWork).toBeNull()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const augment = useAugmentStore()
    for (const seed of [1, 2, 3]) {
      augment.setSeed(seed)
      await vi.advanceTimersByTimeAsync(300)
      expect(store.saveState).toBe('dirty')
      expect(store.unsavedWork).toMatch(/changes that are not saved/)
    }
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 301)
    expect(saves()).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(saves()).toBe(1)
    await vi.waitFor(() => expect(store.saveState).toBe('saved'))
    expect(store.unsavedWork).toBeNull()
    expect((await readSaved(folder)).augmentSeed).toBe(3)

    // A change back to what is saved needs no save.
    augment.setSeed(4)
    await vi.advanceTimersByTimeAsync(10)
    augment.setSeed(3)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2)
    expect(saves()).toBe(1)
    expect(store.saveState).toBe('saved')
  })

  it('puts every room back when a project is opened in a fresh app', async () => {
    await setUpRooms()
    const folder = path.join(dir, 'restore')
    await useProjectStore().create(folder, 'Restored')
    const expected = useProjectStore().collected.content

    setActivePinia(createPinia())
    calls.length = 0
    const store = useProjectStore()
    // The autosave timer, if opening started one, is held until the test lets time pass.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect(await store.open(folder)).toBe(true)
    expect(calls).toContain('dataset.open')
    const dataset = useDatasetStore()
    expect(dataset.classNames).toEqual(['cats', 'dogs'])
    expect(dataset.options).toEqual({ size: 8, seed: 3 })
    expect(useNetworkStore().spec).toEqual(expected.network)
    expect(useNetworkStore().classes).toBe(2)
    expect(useAugmentStore().spec.ops.find((op) => op.type === 'rotate')).toMatchObject({
      enabled: true,
      degrees: [-15, 15]
    })
    expect(useAugmentStore().seed).toBe(77)
    expect(useTrainingStore().settings).toEqual(expected.training)
    expect(store.name).toBe('Restored')
    expect(store.saveState).toBe('saved')
    expect(useTrainingStore().runsDir).toBe(path.join(folder, 'runs'))
    // Opening is not an edit: no autosave is waiting, however long one waits.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 10)
    vi.useRealTimers()
    expect(saves()).toBe(0)
  })

  it('keeps the dataset of a project whose images cannot be opened, and says so', async () => {
    const folder = path.join(dir, 'moved')
    await mkdir(path.join(dir, 'gone'), { recursive: true })
    const store = useProjectStore()
    await store.create(folder)
    await useDatasetStore().open({ kind: 'folder', path: path.join(dir, 'pets') }, {})
    await store.save()
    const missing = { source: { kind: 'folder' as const, path: path.join(dir, 'gone', 'pets') }, options: {} }
    const file = { ...(await readSaved(folder)), dataset: missing }
    await store.restore({ folder, project: file, runsDir: path.join(folder, 'runs'), migratedFrom: null })
    expect(useAppStore().notices.at(-1)?.text).toMatch(/dataset could not be opened/)
    useAugmentStore().setSeed(999)
    await store.save()
    expect((await readSaved(folder)).dataset).toEqual(missing)
  })
})
