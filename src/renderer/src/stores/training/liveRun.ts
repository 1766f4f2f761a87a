import { computed, ref, shallowRef } from 'vue'
import type { RunStatus, TrainingProgress } from '../../../../shared/training'
import { useClient } from '../../client'
import { CurveBuilder, curvesFromMetrics, type CurveAxis } from '../../domain/train/curveSeries'

const ACTIVE: readonly RunStatus[] = ['running', 'paused']
export const isActiveStatus = (s: RunStatus | null): boolean => s !== null && ACTIVE.includes(s)

/** A pause or resume the user asked for and the run has not yet reported taking. */
export type ControlRequest = 'pause' | 'resume'
/** The live run's status as the Train room shows it: the run's own, or a request on its way. */
export type ShownStatus = RunStatus | 'pausing' | 'resuming'

/**
 * The trainer takes a request between two batches, and events of the batches before keep saying where
 * the run stood: a pause shows as "Pausing…" until an event says paused (or ended), not flickering back.
 */
export function shownStatus(status: RunStatus | null, requested: ControlRequest | null): ShownStatus | null {
  if (requested === 'pause' && status === 'running') return 'pausing'
  if (requested === 'resume' && status === 'paused') return 'resuming'
  return status
}

/** Whether a run reported in `status` has taken the request (or ended, which settles any). */
const settles = (requested: ControlRequest, status: RunStatus): boolean =>
  !isActiveStatus(status) || status === (requested === 'pause' ? 'paused' : 'running')

/**
 * Draws one progress event on the curves: a periodic evaluation, a finished epoch's figures, or else a
 * batch sample, placed at the step or in epochs as the curves count.
 */
export function addProgressToCurves(curves: CurveBuilder, p: TrainingProgress): void {
  const inEpochs = p.batchesPerEpoch > 0 ? p.epoch - 1 + p.batch / p.batchesPerEpoch : p.epoch
  const x = curves.axis === 'step' ? p.step : inEpochs
  if (p.periodic) curves.addPeriodic(x, p.periodic)
  else if (p.epochEnd) curves.addEpoch(p.epoch, p.epochEnd, curves.axis === 'step' ? p.step : p.epoch)
  else if (p.batchLoss !== null && p.batchAccuracy !== null && p.batchesPerEpoch > 0)
    curves.addBatch(x, p.batchLoss, p.batchAccuracy)
}

/**
 * The run being trained as the Train room shows it: its id and status, its last progress figures, its
 * messages and its curves. Curves are plain arrays outside Vue's reactivity; `curveVersion` ticks when
 * any of them changes.
 */
export function createLiveRun() {
  const runId = ref<string | null>(null)
  const status = ref<RunStatus | null>(null)
  const progress = shallowRef<TrainingProgress | null>(null)
  const messages = ref<string[]>([])
  const live = shallowRef<CurveBuilder>(new CurveBuilder())
  const curveVersion = ref(0)
  const active = computed(() => isActiveStatus(status.value))
  const requested = ref<ControlRequest | null>(null)
  const shown = computed(() => shownStatus(status.value, requested.value))

  /** The run's status as one of its events or records reports it; it may settle a pending request. */
  function report(state: RunStatus): void {
    status.value = state
    if (requested.value && settles(requested.value, state)) requested.value = null
  }

  /** Starts afresh for run `id` (null while a start has not answered yet), its curves along `axis`. */
  function resetLive(id: string | null, axis: CurveAxis = live.value.axis): void {
    runId.value = id
    requested.value = null
    live.value = new CurveBuilder(axis)
    progress.value = null
    messages.value = []
    curveVersion.value++
  }

  /** Takes one of this run's progress events: its status, figures, curves and message. */
  function fold(p: TrainingProgress): void {
    progress.value = p
    report(p.state)
    addProgressToCurves(live.value, p)
    if (p.message) messages.value = [...messages.value, p.message]
    curveVersion.value++
  }

  /** Redraws the curves from what run `id` has written so far, unless another run has been taken meanwhile. */
  async function loadLiveMetrics(id: string): Promise<void> {
    const { lines } = await useClient().call('training.metrics', { runId: id })
    if (runId.value !== id) return
    live.value = curvesFromMetrics(lines, live.value.axis)
    curveVersion.value++
  }

  return {
    runId,
    status,
    requested,
    shown,
    progress,
    messages,
    live,
    curveVersion,
    active,
    report,
    resetLive,
    fold,
    loadLiveMetrics
  }
}
