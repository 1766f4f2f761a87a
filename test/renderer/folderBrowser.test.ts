// @vitest-environment happy-dom
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import FolderBrowser from '../../src/renderer/src/components/FolderBrowser.vue'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { inProcessTransport } from './inProcessTransport'

let dir: string
/** Listings of these folders wait until the test lets them go, as a slow disk or network would. */
const held = new Map<string, () => void>()
let wrapper: VueWrapper | null = null

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'folder-browser-'))
  for (const folder of ['projects/shapes', 'projects/slow', 'other']) {
    await mkdir(path.join(dir, folder), { recursive: true })
  }
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  const slowed: typeof dispatch = async (route, input) => {
    const folder = (input as { path?: string } | undefined)?.path
    if (route === 'files.list' && folder && path.basename(folder) === 'slow') {
      await new Promise<void>((resolve) => held.set(folder, resolve))
    }
    return dispatch(route, input)
  }
  installClient(createClient(inProcessTransport(slowed).transport))
})

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  held.clear()
})

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
const entry = (w: VueWrapper, name: string) =>
  w.findAll('[data-testid="browser-entry"]').find((b) => b.text().includes(name))!
const choose = (w: VueWrapper) => w.find('[data-testid="browser-choose"]')

describe('the folder browser', () => {
  it('does not open the folder shown before while the clicked one is still being listed', async () => {
    const w = (wrapper = mount(FolderBrowser, { attachTo: document.body }))
    await settle()
    await entry(w, 'projects').trigger('click')
    // Clicked, not yet answered: the button would open the data root, so it waits.
    expect(choose(w).attributes('disabled')).toBeDefined()
    expect(w.find('[role="status"]').text()).toContain(path.join(dir, 'projects'))
    await settle()
    expect(choose(w).attributes('disabled')).toBeUndefined()
    await entry(w, 'shapes').trigger('click')
    await choose(w).trigger('click')
    expect(w.emitted('choose')).toBeUndefined()
    await settle()
    await choose(w).trigger('click')
    expect(w.emitted('choose')).toEqual([[path.join(dir, 'projects', 'shapes')]])
  })

  it('shows the folder clicked last when an earlier listing answers after it', async () => {
    const w = (wrapper = mount(FolderBrowser, { attachTo: document.body }))
    await settle()
    await entry(w, 'projects').trigger('click')
    await settle()
    await entry(w, 'slow').trigger('click')
    await settle()
    expect(held.size).toBe(1)
    await entry(w, 'shapes').trigger('click')
    await settle()
    for (const release of held.values()) release()
    await settle()
    expect(w.find('[data-testid="browser-path"]').element).toHaveProperty(
      'value',
      path.join(dir, 'projects', 'shapes')
    )
    await choose(w).trigger('click')
    expect(w.emitted('choose')).toEqual([[path.join(dir, 'projects', 'shapes')]])
  })
})
