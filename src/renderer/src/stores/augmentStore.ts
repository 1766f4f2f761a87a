import { defineStore } from 'pinia'
import { computed, watch } from 'vue'
import { isOpEnabled } from '../../../shared/augment'
import { createLivePreview } from './augment/livePreview'
import { createTrainingBatch } from './augment/trainingBatch'
import { createPipelineEditing } from './augment/pipelineEditing'
import { createPreviewSelection } from './augment/previewSelection'
import { useDatasetStore } from './datasetStore'
import { useTrainingStore } from './trainingStore'

export { PREVIEW_VARIANTS } from './augment/previewSelection'

/**
 * The augmentation pipeline of the Augment room (what training will apply) and its live preview: which
 * images are shown, the seed and epoch they are drawn for, and the last answer with its timings; or,
 * instead of the preview, one training batch exactly as training will see it.
 */
export const useAugmentStore = defineStore('augment', () => {
  const dataset = useDatasetStore()
  const pipeline = createPipelineEditing()
  const specValid = computed(() => pipeline.specErrors.value.length === 0)
  const { forgetImages, ...selection } = createPreviewSelection(pipeline.spec, specValid, (message) => {
    // Called only after a failed pick, long after `live` below exists.
    live.error.value = message
  })
  const live = createLivePreview(selection.previewInput)
  const batch = createTrainingBatch(pipeline.spec, specValid)

  // Training augments by default once the pipeline has an op switched on (sync: before a project's saved
  // training settings, restored right after its pipeline, have the last word).
  const training = useTrainingStore()
  watch(
    () => pipeline.spec.value.ops.filter(isOpEnabled).length,
    (enabled) => training.pipelineChanged(enabled),
    { immediate: true, flush: 'sync' }
  )

  // Another dataset has other images: the picks, pins and preview of the old one mean nothing there.
  watch(
    () => dataset.opened,
    () => {
      live.clear()
      batch.close()
      forgetImages()
    }
  )

  return {
    ...pipeline,
    loadPreset: (id: Parameters<typeof pipeline.loadPreset>[0]) =>
      pipeline.loadPreset(id, { digits: dataset.isMnist }),
    ...selection,
    preview: live.preview,
    previewError: live.error,
    serverMs: live.serverMs,
    roundTripMs: live.roundTripMs,
    refreshPreview: live.refresh,
    previewSettled: live.settled,
    /** The training batch shown instead of the preview (null: the preview is shown), and its fields. */
    trainingBatch: batch.shown,
    trainingBatchError: batch.error,
    trainingBatchLoading: batch.loading,
    trainingBatchSource: batch.source,
    trainingBatchBlocked: batch.blocked,
    batchEpoch: batch.epoch,
    batchNumber: batch.batch,
    setBatchEpoch: batch.setEpoch,
    setBatchNumber: batch.setBatch,
    showTrainingBatch: batch.show,
    closeTrainingBatch: batch.close
  }
})
