// @vitest-environment happy-dom
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'store-'))
  for (const [name, n] of [
    ['a', 6],
    ['b', 4]
  ] as const) {
    for (let i = 0; i < n; i++) {
      await mkdir(path.join(dir, 'ds', name), { recursive: true })
      await sharp({
        create: { width: 8, height: 8, channels: 3, background: { r: i * 30, g: i * 30, b: i * 30 } }
      })
        .png()
        .toFile(path.join(dir, 'ds', name, `${i}.png`))
    }
  }
  // The real engine handlers behind the in-process transport: the store cannot tell it from a socket.
  let emit: (name: 'op.progress', payload: unknown) => void = () => {}
  const handlers = createEngineHandlers(
    { dataRoot: dir, cacheDir: path.join(dir, 'cache') },
    (name, payload) => {
      if (name === 'op.progress') emit(name, payload)
    }
  )
  const inProcess = inProcessTransport(createDispatcher(handlers))
  emit = inProcess.emit
  installClient(createClient(inProcess.transport))
})

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => setActivePinia(createPinia()))

describe('the dataset store', () => {
  it('opens a folder, exposes its report and class names, and clears the busy flag', async () => {
    const store = useDatasetStore()
    const opening = store.open({ kind: 'folder', path: path.join(dir, 'ds') }, { seed: 1 })
    expect(store.opening).toBe(true)
    expect(await opening).toBe(true)
    expect(store.opening).toBe(false)
    expect(store.classNames).toEqual(['a', 'b'])
    expect(store.report?.total).toBe(10)
    expect(store.error).toBeNull()
    expect(store.progress?.done).toBe(store.progress?.total)
  })

  it('keeps the previous dataset and shows a sentence when a folder cannot be opened', async () => {
    const store = useDatasetStore()
    await store.open({ kind: 'folder', path: path.join(dir, 'ds') }, {})
    expect(await store.open({ kind: 'folder', path: path.join(dir, 'missing') }, {})).toBe(false)
    expect(store.error).toMatch(/missing/)
    expect(store.classNames).toEqual(['a', 'b'])
  })
})
