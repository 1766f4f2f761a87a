import { computed, ref, type Ref } from 'vue'
import type { PreprocessingManifest } from '../../../../shared/export/exportManifest'
import { useClient } from '../../client'
import { MAX_PAYLOAD_CHARS, predictionBatches } from '../../domain/export/predictionBatches'
import { imagePayload } from '../../domain/export/readImageFile'
import { messageOf } from '../../errorMessage'

/** Predict with the run selected in the room, or with an exported TF.js folder on the backend's disk. */
export type ModelSource = 'run' | 'folder'

export interface ClassScore {
  class: string
  index: number
  probability: number
}

export interface PredictedImage {
  id: number
  name: string
  /** Object URL of the chosen file, for the card's thumbnail; revoked when the card goes. */
  url: string
  /** Base64 of what is sent; null until the file has been read (or when it could not be). */
  data: string | null
  note: string | null
  top: ClassScore[]
  error: string | null
  pending: boolean
}

/** Prediction state of the Export room; lives inside the export store, next to the run it predicts with. */
export function usePredictions(runId: Ref<string | null>) {
  const images = ref<PredictedImage[]>([])
  const topK = ref(3)
  const modelSource = ref<ModelSource>('run')
  const modelDir = ref('')
  /** Why the folder typed for Predict cannot be used, checked when it is chosen; nothing is sent meanwhile. */
  const modelDirError = ref<string | null>(null)
  const manifest = ref<PreprocessingManifest | null>(null)
  const predicting = ref(false)
  const predictError = ref<string | null>(null)
  let nextId = 1
  // One prediction at a time, in order: a new top-k or model never races an older answer onto the cards.
  let queue: Promise<void> = Promise.resolve()

  const model = computed(() => {
    if (modelSource.value === 'run') return runId.value ? { runId: runId.value } : null
    const dir = modelDir.value.trim()
    return dir && !modelDirError.value ? { modelDir: dir } : null
  })

  const find = (id: number): PredictedImage | undefined => images.value.find((im) => im.id === id)

  async function run(ids: readonly number[]): Promise<void> {
    const targets = images.value.filter((im) => ids.includes(im.id) && im.data !== null)
    if (targets.length === 0) return
    const chosen = model.value
    if (!chosen) {
      predictError.value =
        modelSource.value === 'run'
          ? 'Choose a trained run above to predict with, or switch to an exported folder.'
          : (modelDirError.value ??
            'Type the path of an exported TF.js folder on the server to predict with.')
      for (const im of targets) im.pending = false
      return
    }
    predicting.value = true
    predictError.value = null
    for (const im of targets) im.pending = true
    try {
      for (const batch of predictionBatches(targets as (PredictedImage & { data: string })[])) {
        const out = await useClient().call('predict.images', {
          model: chosen,
          images: batch.map((im) => ({ name: im.name, data: im.data })),
          topK: topK.value
        })
        manifest.value = out.manifest
        batch.forEach((im, i) => {
          const p = out.predictions[i]
          im.top = p?.top ?? []
          im.error = p ? (p.error ?? null) : 'No prediction came back for this image.'
          im.pending = false
        })
      }
    } catch (err) {
      predictError.value = `No predictions: ${messageOf(err)}`
      for (const im of targets) im.pending = false
    } finally {
      predicting.value = false
    }
  }

  function predict(ids: readonly number[] = images.value.map((im) => im.id)): Promise<void> {
    queue = queue.then(() => run(ids))
    return queue
  }

  async function addFiles(files: readonly File[]): Promise<void> {
    const entries = files.map((file) => ({ file, id: nextId++ }))
    for (const { file, id } of entries) {
      const url = URL.createObjectURL(file)
      images.value.push({
        id,
        name: file.name,
        url,
        data: null,
        note: null,
        top: [],
        error: null,
        pending: true
      })
    }
    await Promise.all(
      entries.map(async ({ file, id }) => {
        try {
          const payload = await imagePayload(file, MAX_PAYLOAD_CHARS)
          Object.assign(find(id) ?? {}, payload)
        } catch (err) {
          Object.assign(find(id) ?? {}, { error: messageOf(err), pending: false })
        }
      })
    )
    await predict(entries.map((e) => e.id))
  }

  function removeImage(id: number): void {
    const im = find(id)
    if (im) URL.revokeObjectURL(im.url)
    images.value = images.value.filter((x) => x.id !== id)
  }

  function clearImages(): void {
    for (const im of images.value) URL.revokeObjectURL(im.url)
    images.value = []
    predictError.value = null
  }

  async function setTopK(k: number): Promise<void> {
    topK.value = k
    await predict()
  }

  async function setModelSource(source: ModelSource): Promise<void> {
    modelSource.value = source
    await modelChanged(source)
  }

  /** Takes a folder to predict with once the engine has read its preprocessing.json; else says why not. */
  async function setModelDir(dir: string): Promise<void> {
    modelDir.value = dir
    modelDirError.value = null
    let described: PreprocessingManifest | null = null
    try {
      if (!dir.trim()) throw new Error('Type the path of an exported TF.js folder.')
      described = await useClient().call('model.describe', { modelDir: dir.trim() })
    } catch (err) {
      modelDirError.value = messageOf(err)
    }
    await modelChanged('folder')
    manifest.value ??= described
  }

  /** The cards show what the current model says, so a new model predicts them again. */
  async function modelChanged(source: ModelSource): Promise<void> {
    if (modelSource.value !== source) return
    manifest.value = null
    predictError.value = null
    await predict()
  }

  return {
    images,
    topK,
    modelSource,
    modelDir,
    modelDirError,
    manifest,
    predicting,
    predictError,
    addFiles,
    predict,
    removeImage,
    clearImages,
    setTopK,
    setModelSource,
    setModelDir,
    modelChanged
  }
}
