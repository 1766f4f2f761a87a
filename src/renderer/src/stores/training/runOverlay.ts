import { ref, shallowRef, type Ref } from 'vue'
import { useClient } from '../../client'
import type { MetricsLine } from '../../../../shared/training'
import { curvesFromMetrics, type RunCurves } from '../../domain/train/curveSeries'
import { messageOf } from '../../errorMessage'

/**
 * Runs ticked to be drawn on the charts next to the live one, with their curves read from their
 * metrics files. `changed` is called when curves arrive, so the charts redraw.
 */
export function createRunOverlay(error: Ref<string | null>, changed: () => void) {
  const overlay = ref<string[]>([])
  const overlayCurves = shallowRef(new Map<string, RunCurves>())
  /** Each ticked run's metrics, so a chart counting steps can place them by step too. */
  const overlayLines = shallowRef(new Map<string, readonly MetricsLine[]>())

  async function toggleOverlay(id: string): Promise<void> {
    if (overlay.value.includes(id)) {
      overlay.value = overlay.value.filter((o) => o !== id)
      return
    }
    overlay.value = [...overlay.value, id]
    try {
      const { lines } = await useClient().call('training.metrics', { runId: id })
      overlayLines.value = new Map(overlayLines.value).set(id, lines)
      overlayCurves.value = new Map(overlayCurves.value).set(id, curvesFromMetrics(lines).curves)
      changed()
    } catch (err) {
      overlay.value = overlay.value.filter((o) => o !== id)
      error.value = messageOf(err)
    }
  }

  return { overlay, overlayLines, overlayCurves, toggleOverlay }
}
