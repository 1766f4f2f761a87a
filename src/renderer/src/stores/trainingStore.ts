import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { RunStatus, TrainingProgress } from '../../../shared/training'
import type { AugmentSpec } from '../../../shared/augment'
import type { NetworkSpec } from '../../../shared/network'
import { useClient } from '../client'
import { createRunEvaluation } from '../components/evaluate/runEvaluation'
import { createRunOverlay } from '../components/train/runOverlay'
import { messageOf } from '../errorMessage'
import { createBackendChoice } from './training/backendChoice'
import { createLiveRun, isActiveStatus } from './training/liveRun'
import { createRunImport } from './training/runImport'
import { createRunList } from './training/runList'
import { createProgressListener, createRunFilePoll } from './training/runUpdates'
import { createSettingsFormState } from './training/settingsFormState'

export type { RunCurves } from '../components/train/curveSeries'
export type { Evaluation } from '../components/evaluate/runEvaluation'
export { isActiveStatus } from './training/liveRun'
export { RUN_FILE_POLL_MS } from './training/runUpdates'

/**
 * Training as the Train and Evaluate rooms see it: the settings form, the run being trained and its live
 * curves, the runs on disk (some overlaid on the charts) and the evaluation of one run.
 */
export const useTrainingStore = defineStore('training', () => {
  const { form, fieldErrors, settings, setSettings } = createSettingsFormState()
  const error = ref<string | null>(null)
  const busy = ref(false)
  /** Stop was asked for; the run still finishes its batch, evaluates and saves before it has stopped. */
  const stopping = ref(false)
  const { runId, status, progress, messages, live, curveVersion, active, resetLive, fold, loadLiveMetrics } =
    createLiveRun()

  const { backend, forcedBackend, loadBackend } = createBackendChoice(error)
  const { runs, runsDir, refreshRuns } = createRunList(error)
  const { overlay, overlayCurves, toggleOverlay } = createRunOverlay(error, () => curveVersion.value++)
  const { importing, importError, imported, importRun, pickFolder } = createRunImport(refreshRuns, (id) => {
    if (!overlay.value.includes(id)) void toggleOverlay(id)
  })
  const { evaluatedRunId, evaluation, evaluating, evaluationError, evaluate } = createRunEvaluation()
  const { startListening, stopUnlessHeld, retain } = createProgressListener(receive, () => active.value)
  const { watchRunFile, stopWatching } = createRunFilePoll(checkRunFile)

  const currentRun = computed(() => runs.value.find((r) => r.id === runId.value) ?? null)
  /** A start whose answer has not come back: its first events may arrive before its id does. */
  let starting = false

  /** Folds one progress event into the live run: status, figures and curves. */
  function receive(p: TrainingProgress): void {
    if (p.runId !== runId.value) {
      // Another run's events matter only when nothing of ours is training (a run adopted after a reload).
      if (isActiveStatus(status.value) && !starting) return
      resetLive(p.runId)
    }
    fold(p)
    if (isActiveStatus(p.state)) watchRunFile()
    else settle(p.state)
  }

  /** The run has ended: keep its last figures, list its outcome and let go of what followed it. */
  function settle(final: RunStatus): void {
    status.value = final
    stopping.value = false
    stopWatching()
    void refreshRuns()
    stopUnlessHeld()
  }

  async function checkRunFile(): Promise<void> {
    const id = runId.value
    if (!id || !isActiveStatus(status.value)) {
      stopWatching()
      return
    }
    await refreshRuns()
    const run = runs.value.find((r) => r.id === id)
    if (run && runId.value === id && !isActiveStatus(run.status) && isActiveStatus(status.value))
      settle(run.status)
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
    evaluate,
    importing,
    importError,
    imported,
    importRun,
    pickFolder
  }
})
