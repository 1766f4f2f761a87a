import { ref, shallowReactive, watch, type Ref } from 'vue'
import type { DatasetItem, InputShape } from '../../../../shared/datasetSchemas'
import { useClient } from '../../client'
import { decodeBase64Pixels } from '../../domain/base64Pixels'
import type { GridFilter } from '../datasetStore'

const PAGE = 256

export interface Thumb {
  item: DatasetItem
  pixels: Uint8Array | null
}

/**
 * Loads the grid's items and raw pixels a page at a time, only for the rows on screen, so 70,000
 * images cost no more than the few hundred in view.
 */
export function useThumbnailPages(filter: Ref<GridFilter>) {
  const total = ref(0)
  const input = ref<InputShape | null>(null)
  const pages = shallowReactive(new Map<number, Thumb[]>())
  const loading = new Set<number>()
  let generation = 0

  async function loadPage(page: number, gen: number): Promise<void> {
    if (pages.has(page) || loading.has(page)) return
    loading.add(page)
    try {
      const client = useClient()
      const { total: t, items } = await client.call('dataset.items', {
        ...filter.value,
        offset: page * PAGE,
        limit: PAGE
      })
      const thumbs = await client.call('dataset.thumbnails', { indexes: items.map((i) => i.index) })
      if (gen !== generation) return
      total.value = t
      input.value = thumbs.input
      const byIndex = new Map(thumbs.images.map((im) => [im.index, im.pixels]))
      pages.set(
        page,
        items.map((item) => {
          const b64 = byIndex.get(item.index)
          return { item, pixels: b64 ? decodeBase64Pixels(b64) : null }
        })
      )
    } finally {
      loading.delete(page)
    }
  }

  /** The range on screen, asked for again after a reset (the same rows stay on screen, so nobody else asks). */
  let shown: [number, number] | null = null

  function ensure(first: number, last: number): void {
    shown = [first, last]
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last) / PAGE); p++)
      void loadPage(p, generation)
  }

  function at(i: number): Thumb | undefined {
    return pages.get(Math.floor(i / PAGE))?.[i % PAGE]
  }

  async function reset(): Promise<void> {
    generation++
    pages.clear()
    loading.clear()
    const gen = generation
    const { total: t } = await useClient().call('dataset.items', { ...filter.value, offset: 0, limit: 1 })
    if (gen !== generation) return
    total.value = t
    if (shown) ensure(...shown)
  }

  watch(filter, () => void reset(), { deep: true })
  return { total, input, ensure, at, reset }
}
