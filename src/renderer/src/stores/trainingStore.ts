import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RunJson, TrainingProgress } from '../../../shared/training'
import type { AugmentSpec } from '../../../shared/augment'
import type { NetworkSpec } from '../../../shared/network'
import { useClient } from '../client'
import { createRunEvaluation } from './training/runEvaluation'
import { createRunOverlay } from './training/runOverlay'
import { messageOf } from '../errorMessage'
import { createAugmentDefault } from './training/augmentDefault'
import { createBackendChoice } from './training/backendChoice'
import { createLiveRun, isActiveStatus } from './training/liveRun'
import { createRunImport } from './training/runImport'
import { createRunList } from './training/runList'
import { createProgressListener } from './training/progressSubscription'
import { createSettingsFormState } from './training/settingsFormState'
import { curveAxisOf } from '../domain/train/curveSeries'

export type { Evaluation } from './training/runEvaluation'

/**
 * Training as the Train and Evaluate rooms see it: the settings form, the run being trained and its live
 * curves, the runs on disk (some overlaid on the charts) and the evaluation of one run.
 */
export const useTrainingStore = defineStore('training', () => {
  const { form, fieldErrors, settings, setSettings } = createSettingsFormState()
  const { augmentFollowsPipeline, pipelineChanged } = createAugmentDefault(form)
  const error = ref<string | null>(null)
  const busy = ref(false)
  /** Stop was asked for; the run still finishes its batch, evaluates and saves before it has stopped. */
  const stopping = ref(false)
  const {
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
  } = createLiveRun()

  const { backend, forcedBackend, loadBackend } = createBackendChoice(error)
  const { runs, runsDir, listError, listen, refreshRuns, ensureRuns } = createRunList(error, {
    onRun: followRun,
    onRead: (list) => {
      const mine = list.find((r) => r.id === runId.value)
      if (mine && mine.status !== status.value) followRun(mine)
    }
  })
  const { overlay, overlayCurves, overlayLines, toggleOverlay } = createRunOverlay(
    error,
    () => curveVersion.value++
  )
  const { importing, importError, imported, importRun, pickFolder } = createRunImport(refreshRuns, (id) => {
    if (!overlay.value.includes(id)) void toggleOverlay(id)
  })
  const { evaluatedRunId, evaluation, evaluating, evaluationError, evaluate } = createRunEvaluation()
  const progressEvents = createProgressListener(receive, () => active.value)
  const { stopUnlessHeld } = progressEvents
  /** Hears the live run's progress and every run's changes. */
  function startListening(): void {
    listen()
    progressEvents.startListening()
  }
  /** Keeps the progress subscription while a room shows it; the returned function lets go. */
  function retain(): () => void {
    listen()
    return progressEvents.retain()
  }

  const currentRun = computed(() => runs.value.find((r) => r.id === runId.value) ?? null)

  /**
   * The engine trains one run at a time, so the live run is whichever run its events say is training:
   * events of another run are taken up when they say it trains and ours does not (or ours has no id yet,
   * because its start has not answered), whoever started it.
   */
  function takesUp(id: string, state: RunJson['status']): boolean {
    if (id === runId.value) return true
    if (!isActiveStatus(state) || (runId.value !== null && isActiveStatus(status.value))) return false
    // A run the list knows draws along its own axis; one that just started keeps the axis its start chose.
    const known = runs.value.find((r) => r.id === id)
    resetLive(id, known ? curveAxisOf(known.settings) : undefined)
    return true
  }

  /** Folds one progress event into the live run: status, figures and curves. */
  function receive(p: TrainingProgress): void {
    if (takesUp(p.runId, p.state)) fold(p)
  }

  /** A change of a run's record (the run list has it already): the live run's status, and its end. */
  function followRun(run: RunJson): void {
    if (!takesUp(run.id, run.status)) return
    report(run.status)
    if (isActiveStatus(run.status)) return startListening()
    if (run.error) messages.value = [...messages.value, run.error]
    stopping.value = false
    stopUnlessHeld()
  }

  /** The Train room opens: the run list, and the run that is still training (after a reload) with its curves. */
  async function adoptActiveRun(): Promise<void> {
    await ensureRuns()
    const running = runs.value.find((r) => isActiveStatus(r.status))
    if (!running || runId.value !== null) return
    resetLive(running.id, curveAxisOf(running.settings))
    status.value = running.status
    startListening()
    await loadLiveMetrics(running.id)
  }

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
    resetLive(null, curveAxisOf(chosen))
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
      return true
    } catch (err) {
      status.value = null
      error.value = messageOf(err)
      return false
    } finally {
      busy.value = false
    }
  }

  async function control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    if (!runId.value) return
    error.value = null
    // Shown at once as "Pausing…" or "Resuming…"; the run's events settle it, even before the answer.
    if (action !== 'stop') requested.value = action
    try {
      await useClient().call('training.control', { runId: runId.value, action })
      if (action === 'stop') stopping.value = true
    } catch (err) {
      requested.value = null
      error.value = messageOf(err)
    }
  }

  /** Trains a stopped or interrupted run on from its last checkpoint; its curves carry on where they ended. */
  async function continueRun(id: string): Promise<void> {
    if (busy.value) return
    busy.value = true
    error.value = null
    startListening()
    try {
      const answer = await useClient().call('training.continue', { runId: id })
      const settings = runs.value.find((r) => r.id === id)?.settings
      if (runId.value !== answer.runId) resetLive(answer.runId, curveAxisOf(settings))
      status.value = 'running'
      await loadLiveMetrics(answer.runId)
    } catch (err) {
      error.value = messageOf(err)
    } finally {
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
    shown,
    progress,
    messages,
    error,
    busy,
    stopping,
    live,
    curveVersion,
    runs,
    runsDir,
    listError,
    overlay,
    overlayCurves,
    overlayLines,
    evaluatedRunId,
    evaluation,
    evaluating,
    evaluationError,
    currentRun,
    active,
    setSettings,
    augmentFollowsPipeline,
    pipelineChanged,
    receive,
    retain,
    loadBackend,
    refreshRuns,
    ensureRuns,
    adoptActiveRun,
    start,
    control,
    continueRun,
    toggleOverlay,
    evaluate,
    importing,
    importError,
    imported,
    importRun,
    pickFolder
  }
})
