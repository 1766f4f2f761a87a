import { ref, shallowReactive } from 'vue'
import { WorkbenchError } from '../../../../shared/workbenchError'
import { useClient } from '../../client'
import { messageOf } from '../../errorMessage'
import { decodeSaliency, type DecodedSaliency } from './decodeValues'
import { createSlowProgress } from './slowProgress'

/** How many images of a cell get a Grad-CAM at once (one request, with progress and cancel). */
export const CELL_CAM_LIMIT = 24

/**
 * "What the network confuses": the Grad-CAM, for the class the network predicted, of each image of one
 * confusion-matrix cell, by dataset index.
 */
export function createCellCams() {
  const cellCams = shallowReactive(new Map<number, DecodedSaliency | { error: string }>())
  const cellCamsLoading = ref(false)
  const cellCamsError = ref<string | null>(null)
  const work = createSlowProgress('insight-cell')
  let seq = 0

  async function loadCellCams(runId: string, indexes: readonly number[]): Promise<void> {
    const mine = ++seq
    cellCams.clear()
    cellCamsError.value = null
    const chosen = indexes.slice(0, CELL_CAM_LIMIT)
    if (chosen.length === 0) return
    cellCamsLoading.value = true
    const client = useClient()
    try {
      const answer = await work.run(client, (opId) =>
        client.call('insight.saliency', {
          model: { runId },
          images: chosen.map((datasetIndex) => ({ datasetIndex })),
          method: 'gradcam',
          opId
        })
      )
      if (mine !== seq) return
      answer.maps.forEach((m, i) => {
        const index = chosen[i]
        if (index === undefined) return
        cellCams.set(index, 'values' in m ? decodeSaliency(m) : { error: m.error ?? 'No map.' })
      })
    } catch (err) {
      if (mine === seq)
        cellCamsError.value =
          err instanceof WorkbenchError && err.code === 'cancelled' ? 'Cancelled.' : messageOf(err)
    } finally {
      if (mine === seq) cellCamsLoading.value = false
    }
  }

  function clearCellCams(): void {
    seq++
    cellCams.clear()
    cellCamsLoading.value = false
    cellCamsError.value = null
  }

  return {
    cellCams,
    cellCamsLoading,
    cellCamsError,
    cellCamsProgress: work.progress,
    cellCamsSlow: work.slow,
    loadCellCams,
    clearCellCams,
    cancelCellCams: () => work.cancel(useClient())
  }
}
