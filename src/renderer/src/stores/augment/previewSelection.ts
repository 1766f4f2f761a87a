import { computed, ref, type Ref } from 'vue'
import type { AugmentSpec } from '../../../../shared/augment'
import { useClient } from '../../client'
import type { PreviewInput } from './livePreview'
import { cloneSpec, mergePicks } from '../../domain/augment/specEditing'
import { messageOf } from '../../errorMessage'
import { useDatasetStore } from '../datasetStore'

export const PREVIEW_IMAGES = 8
export const PREVIEW_VARIANTS = 8

/**
 * What the live preview asks the engine for: which images are shown (spread over the classes, pinned
 * ones kept in place) and the seed and epoch their variants are drawn for. A failed pick is passed to
 * `reportError`, which shows it where the preview's own errors go.
 */
export function createPreviewSelection(
  spec: Readonly<Ref<AugmentSpec>>,
  specValid: Readonly<Ref<boolean>>,
  reportError: (message: string) => void
) {
  const dataset = useDatasetStore()
  const seed = ref(1)
  const epoch = ref(0)
  const pickSeed = ref(0)
  const shownIndexes = ref<number[]>([])
  const pinned = ref<number[]>([])

  /** What the preview asks for now, or null while it cannot ask (no dataset, no images yet, invalid spec). */
  const previewInput = computed<PreviewInput | null>(() => {
    if (!dataset.report || shownIndexes.value.length === 0 || !specValid.value) return null
    return {
      spec: cloneSpec(spec.value),
      seed: seed.value,
      epoch: epoch.value,
      variants: PREVIEW_VARIANTS,
      indexes: [...shownIndexes.value]
    }
  })

  /** Shows new images, spread over the classes; pinned ones stay where they are. */
  async function newImages(): Promise<void> {
    if (!dataset.report) return
    if (shownIndexes.value.length > 0) pickSeed.value++
    try {
      const { images } = await useClient().call('augment.preview', {
        spec: { ops: [] },
        seed: 0,
        variants: 0,
        count: PREVIEW_IMAGES,
        pickSeed: pickSeed.value
      })
      shownIndexes.value = mergePicks(
        shownIndexes.value,
        pinned.value,
        images.map((im) => im.index)
      )
    } catch (err) {
      reportError(messageOf(err))
    }
  }

  function togglePin(index: number): void {
    pinned.value = pinned.value.includes(index)
      ? pinned.value.filter((i) => i !== index)
      : [...pinned.value, index]
  }

  /** Another dataset has other images: the picks and pins of the old one mean nothing there. */
  function forgetImages(): void {
    shownIndexes.value = []
    pinned.value = []
    pickSeed.value = 0
  }

  function setSeed(value: number): void {
    if (Number.isInteger(value)) seed.value = value
  }

  /** A new random seed: every variant is drawn again. */
  function reroll(): void {
    let next = seed.value
    while (next === seed.value) next = Math.floor(Math.random() * 1_000_000)
    seed.value = next
  }

  function setEpoch(value: number): void {
    if (Number.isInteger(value) && value >= 0) epoch.value = value
  }

  return {
    seed,
    epoch,
    shownIndexes,
    pinned,
    previewInput,
    newImages,
    togglePin,
    forgetImages,
    setSeed,
    reroll,
    setEpoch
  }
}
