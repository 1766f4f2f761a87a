// @vitest-environment happy-dom
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import ThumbnailGrid from '../../src/renderer/src/components/ThumbnailGrid.vue'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { inProcessTransport } from './inProcessTransport'

let dir: string
/** While set, the thumbnails' pixels wait until the test lets them go, as a busy engine would. */
let hold: Promise<void> | null = null
let wrapper: VueWrapper | null = null

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'thumbnail-grid-'))
  for (const name of ['a', 'b']) {
    await mkdir(path.join(dir, 'ds', name), { recursive: true })
    for (let i = 0; i < 3; i++) {
      await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i * 60, g: 0, b: 0 } } })
        .png()
        .toFile(path.join(dir, 'ds', name, `${i}.png`))
    }
  }
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  const slowed: typeof dispatch = async (route, input) => {
    if (route === 'dataset.thumbnails' && hold) await hold
    return dispatch(route, input)
  }
  installClient(createClient(inProcessTransport(slowed).transport))
  // happy-dom lays nothing out; the grid's scroller gets the size a window would give it, so rows are drawn.
  for (const [name, size] of [
    ['clientWidth', 600],
    ['clientHeight', 400]
  ] as const) {
    const real = Object.getOwnPropertyDescriptor(Element.prototype, name)!
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.dataset.testid === 'thumbnail-grid' ? size : (real.get!.call(this) as number)
      }
    })
  }
})

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

it('a thumbnail is not a dead button while its image loads: it waits, then opens its image', async () => {
  const dataset = useDatasetStore()
  expect(await dataset.open({ kind: 'folder', path: path.join(dir, 'ds') }, { seed: 1 })).toBe(true)
  let release = (): void => {}
  hold = new Promise((resolve) => (release = resolve))
  const w = (wrapper = mount(ThumbnailGrid, { attachTo: document.body }))
  await settle()
  const cells = () => w.findAll('[data-testid="thumbnail"]')
  expect(cells()).toHaveLength(6)
  // Counted but not loaded: a click could open nothing, so the cell says it is loading and takes none.
  for (const cell of cells()) {
    expect(cell.attributes('disabled')).toBeDefined()
    expect(cell.attributes('title')).toBe('Loading…')
  }
  hold = null
  release()
  await settle()
  const first = cells()[0]!
  expect(first.attributes('disabled')).toBeUndefined()
  expect(first.attributes('title')).toMatch(/^(a|b) · (train|val|test) · (a|b)\/\d\.png$/)
  await first.trigger('click')
  expect(w.emitted('open')).toHaveLength(1)
  expect(typeof w.emitted('open')![0]![0]).toBe('number')
})
