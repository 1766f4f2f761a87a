import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RouteOutput } from '../../../shared/contract'
import { WorkbenchError } from '../../../shared/workbenchError'
import { useClient } from '../client'
import { messageOf } from '../errorMessage'
import { createCellCams } from './insight/cellCams'
import { base64Bytes, base64Floats, decodeLayers, type LayerOutput } from './insight/decodeValues'
import type { InsightTarget } from './insight/insightTarget'
import { createInspectorSaliency } from './insight/inspectorSaliency'
import { createSlowProgress } from './insight/slowProgress'

export type { LayerOutput } from './insight/decodeValues'
export type { InsightTarget } from './insight/insightTarget'

type FeatureMapsAnswer = RouteOutput<'insight.featureMaps'>
export type Inspection = Omit<FeatureMapsAnswer, 'layers' | 'image'> & {
  image: Omit<FeatureMapsAnswer['image'], 'pixels'> & { pixels: Uint8Array }
  layers: LayerOutput[]
}
export type FilterLayer = RouteOutput<'insight.filters'>['layers'][number]

const cancelledText = (err: unknown): string =>
  err instanceof WorkbenchError && err.code === 'cancelled' ? 'Cancelled.' : messageOf(err)

/**
 * The image inspector: one image through one trained network — its probabilities and every layer's
 * maps, the conv filters, and Grad-CAM or gradient saliency — plus the Grad-CAMs of a confusion cell.
 */
export const useInsightStore = defineStore('insight', () => {
  const target = shallowRef<InsightTarget | null>(null)
  const inspection = shallowRef<Inspection | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const maps = createSlowProgress('insight-maps')
  const filterLayers = shallowRef<FilterLayer[]>([])
  const filterValues = shallowRef(new Map<number, Float32Array>())
  const filtersLoading = ref(false)
  const filtersError = ref<string | null>(null)
  let seq = 0

  const isOpen = computed(() => target.value !== null)
  const saliency = createInspectorSaliency(target, () => seq)
  const cellCams = createCellCams()

  async function open(next: InsightTarget): Promise<void> {
    const mine = ++seq
    target.value = next
    inspection.value = null
    error.value = null
    filterLayers.value = []
    filterValues.value = new Map()
    filtersError.value = null
    saliency.reset()
    loading.value = true
    const client = useClient()
    try {
      const answer = await maps.run(client, (opId) =>
        client.call('insight.featureMaps', { model: next.model, image: next.image, opId })
      )
      if (mine !== seq) return
      inspection.value = {
        ...answer,
        image: { ...answer.image, pixels: base64Bytes(answer.image.pixels) },
        layers: decodeLayers(answer.layers)
      }
    } catch (err) {
      if (mine === seq) error.value = cancelledText(err)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function close(): void {
    seq++
    if (loading.value) void maps.cancel(useClient())
    target.value = null
    inspection.value = null
    loading.value = false
    saliency.reset()
  }

  /** The conv layers' kernels: the list (and the first layer's values) once, another layer's on demand. */
  async function loadFilters(layer?: number): Promise<void> {
    const t = target.value
    if (!t || (layer !== undefined && filterValues.value.has(layer))) return
    const mine = seq
    filtersLoading.value = true
    filtersError.value = null
    try {
      const answer = await useClient().call('insight.filters', {
        model: t.model,
        ...(layer === undefined ? {} : { layer })
      })
      if (mine !== seq) return
      filterLayers.value = answer.layers
      if (answer.selected) {
        const values = new Map(filterValues.value)
        values.set(answer.selected.layer, base64Floats(answer.selected.values))
        filterValues.value = values
      }
    } catch (err) {
      if (mine === seq) filtersError.value = messageOf(err)
    } finally {
      if (mine === seq) filtersLoading.value = false
    }
  }

  return {
    target,
    inspection,
    loading,
    error,
    progress: maps.progress,
    slow: maps.slow,
    isOpen,
    filterLayers,
    filterValues,
    filtersLoading,
    filtersError,
    open,
    close,
    cancel: () => maps.cancel(useClient()),
    loadFilters,
    ...saliency.api,
    ...cellCams
  }
})
