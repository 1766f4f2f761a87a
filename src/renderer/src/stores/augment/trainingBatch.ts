import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import type { AugmentSpec } from '../../../../shared/augment'
import { useClient } from '../../client'
import { useTrainingStore } from '../trainingStore'
import { cloneSpec } from '../../domain/augment/specEditing'
import { decodePreview, type Preview } from './livePreview'
import { messageOf } from '../../errorMessage'

/** The route's limit: a larger batch is more images than the room can show at once. */
export const MAX_SHOWN_BATCH = 256

/** What decides a training batch besides the pipeline: the Train room's settings. */
export interface BatchSource {
  seed: number
  batchSize: number
  trainLimit?: number
  /** Whether training applies the pipeline at all. */
  augment: boolean
}

export interface TrainingBatch extends Preview {
  /** 1-based, as the fields show them. */
  epoch: number
  batch: number
  batchesPerEpoch: number
  source: BatchSource
}

/**
 * One batch of one epoch as training will step on it, drawn with the Train room's seed, batch size and
 * image limit. While it is shown it follows the pipeline and those settings, like the preview does.
 */
export function createTrainingBatch(spec: Readonly<Ref<AugmentSpec>>, specValid: Readonly<Ref<boolean>>) {
  const training = useTrainingStore()
  const epoch = ref(1)
  const batch = ref(1)
  const shown = shallowRef<TrainingBatch | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)
  let asked = 0

  const source = computed<BatchSource | null>(() => {
    const s = training.settings
    if (!s) return null
    return { seed: s.seed, batchSize: s.batchSize, trainLimit: s.trainLimit, augment: s.augment }
  })

  /** Why the batch cannot be drawn now, or null. */
  const blocked = computed<string | null>(() => {
    if (!source.value) return 'The training settings in the Train room have errors; fix them first.'
    if (source.value.batchSize > MAX_SHOWN_BATCH)
      return `Batches of ${source.value.batchSize} images are too many to show here; the room shows at most ${MAX_SHOWN_BATCH}.`
    if (!specValid.value) return 'Fix the pipeline first: the batch is drawn with it.'
    return null
  })

  async function show(): Promise<void> {
    const from = source.value
    if (blocked.value || !from) {
      error.value = blocked.value
      return
    }
    const ticket = ++asked
    const request = { epoch: epoch.value, batch: batch.value }
    loading.value = true
    try {
      const out = await useClient().call('augment.trainingBatch', {
        spec: cloneSpec(spec.value),
        seed: from.seed,
        epoch: request.epoch - 1,
        batch: request.batch - 1,
        batchSize: from.batchSize,
        trainLimit: from.trainLimit
      })
      if (ticket !== asked) return
      shown.value = { ...decodePreview(out), ...request, batchesPerEpoch: out.batchesPerEpoch, source: from }
      error.value = null
    } catch (err) {
      if (ticket === asked) error.value = messageOf(err)
    } finally {
      if (ticket === asked) loading.value = false
    }
  }

  function close(): void {
    asked++
    shown.value = null
    error.value = null
    loading.value = false
  }

  function setEpoch(value: number): void {
    if (Number.isInteger(value) && value >= 1) epoch.value = value
  }

  function setBatch(value: number): void {
    if (Number.isInteger(value) && value >= 1) batch.value = value
  }

  // A batch on screen follows its fields, the pipeline and the Train room's settings: never a stale draw.
  watch(
    [spec, source, epoch, batch],
    () => {
      if (shown.value) void show()
    },
    { deep: true }
  )

  return { epoch, batch, shown, error, loading, source, blocked, show, close, setEpoch, setBatch }
}
