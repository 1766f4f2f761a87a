import { computed, ref, shallowRef, watch } from 'vue'
import { useClient } from '../../client'
import { curvesFromMetrics, type RunCurves } from '../../domain/train/curveSeries'
import { messageOf } from '../../errorMessage'
import { useTrainingStore } from '../trainingStore'

/**
 * The runs (the training store's list) and the two picked for comparison (at first the newest as B and the
 * one before it as A), with the curves of every run picked so far, each read once.
 */
export function useComparedRuns() {
  const training = useTrainingStore()
  const runs = computed(() => training.runs)
  const error = ref<string | null>(null)
  const idA = ref<string | null>(null)
  const idB = ref<string | null>(null)
  const curves = shallowRef(new Map<string, RunCurves>())
  /** Ticks when another run's curves have arrived, so the chart redraws. */
  const version = ref(0)

  const runA = computed(() => runs.value.find((r) => r.id === idA.value) ?? null)
  const runB = computed(() => runs.value.find((r) => r.id === idB.value) ?? null)
  const curvesOf = (id: string | null): RunCurves | undefined => (id ? curves.value.get(id) : undefined)

  /** Reads the runs again; a picked run that is gone is replaced by the default pick. */
  async function load(): Promise<void> {
    error.value = null
    await training.refreshRuns()
    if (training.listError) {
      error.value = training.listError
      return
    }
    if (!runs.value.some((r) => r.id === idA.value))
      idA.value = runs.value[1]?.id ?? runs.value[0]?.id ?? null
    if (!runs.value.some((r) => r.id === idB.value)) idB.value = runs.value[0]?.id ?? null
  }

  async function loadCurves(id: string | null): Promise<void> {
    if (!id || curves.value.has(id)) return
    try {
      const { lines } = await useClient().call('training.metrics', { runId: id })
      curves.value = new Map(curves.value).set(id, curvesFromMetrics(lines).curves)
      version.value++
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  watch([idA, idB], ([a, b]) => void Promise.all([loadCurves(a), loadCurves(b)]))

  return { runs, error, idA, idB, runA, runB, version, curvesOf, load }
}
