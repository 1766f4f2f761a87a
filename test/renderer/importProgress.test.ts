import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import ImportProgress from '../../src/renderer/src/components/ImportProgress.vue'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'

beforeEach(() => setActivePinia(createPinia()))

/** The import panel as it reads with the engine's progress event `p`. */
function panel(p: { phase: string; done: number; total: number; etaSeconds: number | null }) {
  useDatasetStore().progress = { opId: 'import-1', ...p }
  const w = mount(ImportProgress)
  const bar = w.find('progress')
  return { text: w.find('[data-testid="import-progress"]').text(), indeterminate: !bar.attributes('value') }
}

describe('import progress', () => {
  it('counts the files of a scan that does not know its total yet, with a bar that only says it works', () => {
    const scan = panel({ phase: 'scan', done: 16_000, total: 0, etaSeconds: null })
    expect(scan.text).toContain('16,000 files found so far')
    expect(scan.text).not.toMatch(/\/ 0|s left/)
    expect(scan.indeterminate).toBe(true)
  })

  it('says it reads the cache, without a pretend count', () => {
    const cache = panel({ phase: 'cache', done: 1, total: 1, etaSeconds: 0 })
    expect(cache.text).toContain('Reading the decoded images from the cache')
    expect(cache.text).not.toMatch(/1 \/ 1|0 s left/)
  })

  it('shows done / total and the time left while decoding', () => {
    const decode = panel({ phase: 'decode', done: 35_000, total: 70_000, etaSeconds: 12.2 })
    expect(decode.text).toContain('Decoding images: 35,000 / 70,000')
    expect(decode.text).toContain('13 s left')
    expect(decode.indeterminate).toBe(false)
  })
})
