import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { RouteOutput } from '../../../shared/contract'
import {
  defaultTrainingSettings,
  type RunJson,
  type RunStatus,
  type TrainingProgress,
  type TrainingSettings
} from '../../../shared/training'
import type { AugmentSpec } from '../../../shared/augment'
import type { NetworkSpec } from '../../../shared/network'
import { useClient } from '../client'
import { createRunEvaluation } from '../components/evaluate/runEvaluation'
import { CurveBuilder, curvesFromMetrics } from '../components/train/curveSeries'
import { createRunOverlay } from '../components/train/runOverlay'
import { checkSettingsForm, formFromSettings, type SettingsForm } from '../components/train/settingsForm'
type ComputeBackend = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu'

export type { RunCurves } from '../components/train/curveSeries'
export type { Evaluation } from '../components/evaluate/runEvaluation'

const ACTIVE: readonly RunStatus[] = ['running', 'paused']
/** How often run.json is read while a run trains (its outcome and a crash are always written there). */
export const RUN_FILE_POLL_MS = 1500
export const isActiveStatus = (s: RunStatus | null): boolean => s !== null && ACTIVE.includes(s)

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/**
 * Training as the Train and Evaluate rooms see it: the settings form, the run being trained and its live
 * curves, the runs on disk (some overlaid on the charts) and the evaluation of one run.
 * Curves are plain arrays outside Vue's reactivity; `curveVersion` ticks when any of them changes.
 */
export const useTrainingStore = defineStore('training', () => {
  const form = ref<SettingsForm>(formFromSettings(defaultTrainingSettings()))
  const check = computed(() => checkSettingsForm(form.value))
  const fieldErrors = computed(() => (check.value.ok ? {} : check.value.errors))
  const settings = computed<TrainingSettings | null>(() => (check.value.ok ? check.value.settings : null))

  const backend = ref<RouteOutput<'engine.backend'> | null>(null)
  const runId = ref<string | null>(null)
  const status = ref<RunStatus | null>(null)
  const progress = shallowRef<TrainingProgress | null>(null)
  const messages = ref<string[]>([])
  const error = ref<string | null>(null)
  const busy = ref(false)
  /** Stop was asked for; the run still finishes its batch, evaluates and saves before it has stopped. */
  const stopping = ref(false)
  const live = shallowRef<CurveBuilder>(new CurveBuilder())
  const curveVersion = ref(0)

  const runs = ref<RunJson[]>([])
  const runsDir = ref<string | null>(null)
  const { overlay, overlayCurves, toggleOverlay } = createRunOverlay(error, () => curveVersion.value++)
  const { evaluatedRunId, evaluation, evaluating, evaluationError, evaluate } = createRunEvaluation()

  const currentRun = computed(() => runs.value.find((r) => r.id === runId.value) ?? null)
  const active = computed(() => isActiveStatus(status.value))
  /** A start whose answer has not come back: its first events may arrive before its id does. */
  let starting = false
  let holders = 0
  let unsubscribe: (() => void) | null = null
  let pollTimer: ReturnType<typeof setInterval> | null = null

  function setSettings(next: TrainingSettings): void {
    form.value = formFromSettings(next)
  }

  function resetLive(id: string | null): void {
    runId.value = id
    live.value = new CurveBuilder()
    progress.value = null
    messages.value = []
    curveVersion.value++
  }

  /** Folds one progress event into the live run: status, figures and curves. */
  function receive(p: TrainingProgress): void {
    if (p.runId !== runId.value) {
      // Another run's events matter only when nothing of ours is training (a run adopted after a reload).
      if (isActiveStatus(status.value) && !starting) return
      resetLive(p.runId)
    }
    progress.value = p
    status.value = p.state
    if (p.epochEnd) live.value.addEpoch(p.epoch, p.epochEnd)
    else if (p.batchLoss !== null && p.batchAccuracy !== null && p.batchesPerEpoch > 0)
      live.value.addBatch(p.epoch - 1 + p.batch / p.batchesPerEpoch, p.batchLoss, p.batchAccuracy)
    if (p.message) messages.value = [...messages.value, p.message]
    curveVersion.value++
    if (isActiveStatus(p.state)) watchRunFile()
    else settle(p.state)
  }

  /** The run has ended: keep its last figures, list its outcome and let go of what followed it. */
  function settle(final: RunStatus): void {
    status.value = final
    stopping.value = false
    if (pollTimer !== null) clearInterval(pollTimer)
    pollTimer = null
    void refreshRuns()
    if (holders === 0) stopListening()
  }

  // The end of a run (evaluation included) and a crashed training thread reach run.json even when no
  // event announces them, so the run file is read while a run trains.
  function watchRunFile(): void {
    pollTimer ??= setInterval(() => void checkRunFile(), RUN_FILE_POLL_MS)
  }

  async function checkRunFile(): Promise<void> {
    const id = runId.value
    if (!id || !isActiveStatus(status.value)) {
      if (pollTimer !== null) clearInterval(pollTimer)
      pollTimer = null
      return
    }
    await refreshRuns()
    const run = runs.value.find((r) => r.id === id)
    if (run && runId.value === id && !isActiveStatus(run.status) && isActiveStatus(status.value))
      settle(run.status)
  }

  function startListening(): void {
    unsubscribe ??= useClient().on('training.progress', receive)
  }
  function stopListening(): void {
    unsubscribe?.()
    unsubscribe = null
  }

  /**
   * Keeps the progress subscription while a room shows it; the returned function lets go. A run still
   * training keeps it until it ends, so its curves stay whole while another room is open.
   */
  function retain(): () => void {
    holders++
    startListening()
    let released = false
    return () => {
      if (released) return
      released = true
      holders--
      if (holders === 0 && !active.value) stopListening()
    }
  }

  async function loadBackend(): Promise<void> {
    try {
      backend.value = await useClient().call('engine.backend', {})
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  async function refreshRuns(): Promise<void> {
    try {
      const answer = await useClient().call('training.runs', {})
      runsDir.value = answer.runsDir
      runs.value = [...answer.runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  /** After a reload: show the run that is still training, with the curves it has written so far. */
  async function adoptActiveRun(): Promise<void> {
    await refreshRuns()
    const running = runs.value.find((r) => isActiveStatus(r.status))
    if (!running || runId.value !== null) return
    resetLive(running.id)
    status.value = running.status
    watchRunFile()
    await loadLiveMetrics(running.id)
  }

  async function loadLiveMetrics(id: string): Promise<void> {
    const { lines } = await useClient().call('training.metrics', { runId: id })
    if (runId.value !== id) return
    live.value = curvesFromMetrics(lines)
    curveVersion.value++
  }

  /** A backend the user forces for new runs; null lets the engine pick its best. */
  const forcedBackend = ref<ComputeBackend | null>(null)

  /** Starts a run; `initialWeights` is a TF.js model folder on the engine's side to start from. */
  async function start(
    network: NetworkSpec,
    augment: AugmentSpec | null,
    initialWeights?: string
  ): Promise<boolean> {
    const chosen = settings.value
    if (!chosen || busy.value) return false
    busy.value = true
    error.value = null
    starting = true
    resetLive(null)
    status.value = 'running'
    startListening()
    try {
      const { runId: id } = await useClient().call('training.start', {
        settings: chosen,
        network,
        augment: chosen.augment ? augment : null,
        ...(forcedBackend.value ? { backend: forcedBackend.value } : {}),
        ...(initialWeights ? { initialWeights: { modelDir: initialWeights } } : {})
      })
      if (runId.value !== id) resetLive(id)
      void refreshRuns()
      watchRunFile()
      return true
    } catch (err) {
      status.value = null
      error.value = messageOf(err)
      return false
    } finally {
      starting = false
      busy.value = false
    }
  }

  async function control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    if (!runId.value) return
    error.value = null
    try {
      const answer = await useClient().call('training.control', { runId: runId.value, action })
      if (action === 'stop') stopping.value = true
      else status.value = answer.status
    } catch (err) {
      error.value = messageOf(err)
    }
  }

  /** Trains a stopped or interrupted run on from its last checkpoint; its curves carry on where they ended. */
  async function continueRun(id: string): Promise<void> {
    if (busy.value) return
    busy.value = true
    error.value = null
    starting = true
    startListening()
    try {
      const answer = await useClient().call('training.continue', { runId: id })
      if (runId.value !== answer.runId) resetLive(answer.runId)
      status.value = 'running'
      watchRunFile()
      await loadLiveMetrics(answer.runId)
      void refreshRuns()
    } catch (err) {
      error.value = messageOf(err)
    } finally {
      starting = false
      busy.value = false
    }
  }

  return {
    forcedBackend,
    form,
    fieldErrors,
    settings,
    backend,
    runId,
    status,
    progress,
    messages,
    error,
    busy,
    stopping,
    live,
    curveVersion,
    runs,
    runsDir,
    overlay,
    overlayCurves,
    evaluatedRunId,
    evaluation,
    evaluating,
    evaluationError,
    currentRun,
    active,
    setSettings,
    receive,
    retain,
    loadBackend,
    refreshRuns,
    adoptActiveRun,
    start,
    control,
    continueRun,
    toggleOverlay,
    evaluate
  }
})
