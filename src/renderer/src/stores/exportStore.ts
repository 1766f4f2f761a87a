import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { RouteOutput } from '../../../shared/contract'
import type {
  ExportDescription,
  ExportFormat,
  PreprocessingManifest
} from '../../../shared/export/exportManifest'
import { useClient } from '../client'
import { defaultExportPath, defaultRunId, exportableRuns } from '../domain/export/exportRuns'
import { usePredictions } from './export/usePredictions'
import { messageOf } from '../errorMessage'
import { useTrainingStore } from './trainingStore'

export type ExportResult = RouteOutput<'export.run'>
export type ReplaceQuestion = RouteOutput<'export.target'> & { dir: string }
export type Preprocessing = Pick<PreprocessingManifest, 'input' | 'resize' | 'normalization'>
export type { PredictedImage } from './export/usePredictions'

/**
 * The Export room: which run leaves the app, in which format, to which folder, what that writes; and
 * Predict, which classifies new images with the selected run or an exported folder.
 */
export const useExportStore = defineStore('export', () => {
  // One list of runs in the app: the training store's, kept current by the engine's events.
  const training = useTrainingStore()
  const runs = computed(() => training.runs)
  const runsDir = computed(() => training.runsDir ?? '')
  const runsError = computed(() =>
    training.listError ? `The list of runs could not be read: ${training.listError}` : null
  )
  const runId = ref<string | null>(null)
  const format = ref<ExportFormat>('tfjs')
  const outPath = ref('')
  /** Once the person types or browses a folder, it stays; until then it follows the run and format. */
  const pathChosen = ref(false)
  const description = ref<ExportDescription | null>(null)
  const describing = ref(false)
  const describeError = ref<string | null>(null)
  const exporting = ref(false)
  const result = ref<ExportResult | null>(null)
  const exportError = ref<string | null>(null)
  /** A folder that holds files, waiting for the person to agree to replace them before anything is written. */
  const replacing = ref<ReplaceQuestion | null>(null)
  let describeSeq = 0

  const usableRuns = computed(() => exportableRuns(runs.value))
  const selectedRun = computed(() => runs.value.find((r) => r.id === runId.value) ?? null)
  const predictions = usePredictions(runId)

  function followDefaultPath(): void {
    if (pathChosen.value) return
    outPath.value = runId.value ? defaultExportPath(runsDir.value, runId.value, format.value) : ''
  }

  // A first save moves the runs into the project: the default folder follows them.
  watch(runsDir, followDefaultPath)

  function forgetResult(): void {
    result.value = null
    exportError.value = null
    replacing.value = null
  }

  /** What the export will write; a later request wins over an earlier one still on its way. */
  async function describe(): Promise<void> {
    const seq = ++describeSeq
    description.value = null
    describeError.value = null
    const id = runId.value
    if (!id) return
    describing.value = true
    try {
      const out = await useClient().call('export.describe', { runId: id, format: format.value })
      if (seq === describeSeq) description.value = out
    } catch (err) {
      if (seq === describeSeq) describeError.value = messageOf(err)
    } finally {
      if (seq === describeSeq) describing.value = false
    }
  }

  /** Reads the run list again (runs may have finished since the room was last open) and keeps a valid pick. */
  async function refreshRuns(): Promise<void> {
    await training.refreshRuns()
    if (training.listError) return
    const stillThere = usableRuns.value.some((r) => r.id === runId.value)
    if (!stillThere) await selectRun(defaultRunId(runs.value))
    else if (!description.value) await describe()
  }

  async function selectRun(id: string | null): Promise<void> {
    runId.value = id
    forgetResult()
    followDefaultPath()
    await Promise.all([describe(), predictions.modelChanged('run')])
  }

  async function selectFormat(next: ExportFormat): Promise<void> {
    format.value = next
    forgetResult()
    followDefaultPath()
    await describe()
  }

  function setOutPath(path: string): void {
    outPath.value = path
    pathChosen.value = true
    forgetResult()
  }

  /** Exports; a folder that holds files is replaced only once `replace` says the person agreed. */
  async function runExport(replace = false): Promise<boolean> {
    const id = runId.value
    const target = outPath.value.trim()
    forgetResult()
    if (!id) {
      exportError.value = 'Choose a trained run to export; train one in the Train room first.'
      return false
    }
    if (!target) {
      exportError.value = 'Type or browse to the folder the export should be written to.'
      return false
    }
    exporting.value = true
    try {
      if (!replace) {
        const inside = await useClient().call('export.target', { outPath: target })
        if (inside.count > 0) {
          replacing.value = { dir: target, ...inside }
          return false
        }
      }
      result.value = await useClient().call('export.run', {
        runId: id,
        format: format.value,
        outPath: target,
        replace
      })
      // The TF.js export is what Predict can load from a folder: offer it there.
      if (format.value === 'tfjs' && !predictions.modelDir.value) {
        predictions.modelDir.value = result.value.dir
        predictions.modelDirError.value = null
      }
      return true
    } catch (err) {
      exportError.value = `Nothing was exported: ${messageOf(err)}`
      return false
    } finally {
      exporting.value = false
    }
  }

  /** The run's preprocessing before the engine has reported it (it reports it with every prediction). */
  const expectedPreprocessing = computed<Preprocessing | null>(() => {
    const run = selectedRun.value
    if (!run) return null
    return {
      input: run.dataset.input,
      resize: run.dataset.options.resize ?? 'stretch',
      normalization: 'x/255'
    }
  })

  return {
    runs,
    runsDir,
    runsError,
    usableRuns,
    runId,
    selectedRun,
    format,
    outPath,
    pathChosen,
    description,
    describing,
    describeError,
    exporting,
    result,
    exportError,
    replacing,
    expectedPreprocessing,
    refreshRuns,
    selectRun,
    selectFormat,
    setOutPath,
    describe,
    runExport,
    ...predictions
  }
})
