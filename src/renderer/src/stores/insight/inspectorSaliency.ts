import { ref, shallowRef, type ShallowRef } from 'vue'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'
import type { InsightTarget } from './insightTarget'
import { decodeSaliency, type DecodedSaliency } from './decodeValues'

/** Which map the Saliency tab asks for; an absent class is the predicted one, an absent layer the last conv. */
export interface SaliencyRequest {
  method: 'gradcam' | 'gradient'
  classIndex?: number
  layer?: number
}

/** The inspector's Saliency tab: one map for the open image, the latest request winning. */
export function createInspectorSaliency(target: ShallowRef<InsightTarget | null>, openSeq: () => number) {
  const map = shallowRef<DecodedSaliency | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function reset(): void {
    seq++
    map.value = null
    loading.value = false
    error.value = null
  }

  async function loadSaliency(request: SaliencyRequest): Promise<void> {
    const t = target.value
    if (!t) return
    const mine = ++seq
    const opened = openSeq()
    const current = () => mine === seq && opened === openSeq()
    loading.value = true
    error.value = null
    try {
      const answer = await useClient().call('insight.saliency', {
        model: t.model,
        images: [t.image],
        method: request.method,
        ...(request.classIndex === undefined ? {} : { classIndex: request.classIndex }),
        ...(request.layer === undefined || request.method === 'gradient' ? {} : { layer: request.layer })
      })
      if (!current()) return
      const first = answer.maps[0]
      if (!first || 'error' in first) {
        error.value = (first && 'error' in first ? first.error : undefined) ?? 'No map came back.'
        return
      }
      map.value = decodeSaliency(first)
    } catch (err) {
      if (current()) error.value = messageOf(err)
    } finally {
      if (current()) loading.value = false
    }
  }

  return {
    reset,
    api: { saliencyMap: map, saliencyLoading: loading, saliencyError: error, loadSaliency }
  }
}
