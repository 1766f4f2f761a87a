import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
  checkAugmentSpec,
  parseAugmentSpecJson,
  presetSpec,
  type AugmentOp,
  type AugmentPreset,
  type AugmentSpec,
  type ResolvedFill
} from '../../../shared/augment'
import { useClient } from '../client'
import { createLivePreview, type PreviewInput } from '../components/augment/livePreview'
import {
  cloneSpec,
  editableSpec,
  mergePicks,
  sharedFill,
  withFill,
  type OpPatch
} from '../components/augment/specEditing'
import { createTrainingBatch } from '../components/augment/trainingBatch'
import { useDatasetStore } from './datasetStore'
import { messageOf } from '../errorMessage'

export const PREVIEW_IMAGES = 8
export const PREVIEW_VARIANTS = 8

export type PresetChoice = AugmentPreset['id'] | 'custom'
export type { Preview, PreviewImage } from '../components/augment/livePreview'

/**
 * The augmentation pipeline of the Augment room (what training will apply) and its live preview: which
 * images are shown, the seed and epoch they are drawn for, and the last answer with its timings; or,
 * instead of the preview, one training batch exactly as training will see it.
 */
export const useAugmentStore = defineStore('augment', () => {
  const dataset = useDatasetStore()
  const spec = ref<AugmentSpec>(editableSpec({ ops: [] }))
  const preset = ref<PresetChoice>('none')
  /** The spec before the last preset or import, for one step of undo. */
  const replaced = shallowRef<{ spec: AugmentSpec; preset: PresetChoice } | null>(null)
  const seed = ref(1)
  const epoch = ref(0)
  const pickSeed = ref(0)
  const shownIndexes = ref<number[]>([])
  const pinned = ref<number[]>([])

  const specErrors = computed(() => {
    const checked = checkAugmentSpec(spec.value)
    return checked.ok ? [] : checked.errors
  })
  const fill = computed<ResolvedFill>(() => sharedFill(spec.value.ops))
  const canUndo = computed(() => replaced.value !== null)

  /** What the preview asks for now, or null while it cannot ask (no dataset, no images yet, invalid spec). */
  const previewInput = computed<PreviewInput | null>(() => {
    if (!dataset.report || shownIndexes.value.length === 0 || specErrors.value.length > 0) return null
    return {
      spec: cloneSpec(spec.value),
      seed: seed.value,
      epoch: epoch.value,
      variants: PREVIEW_VARIANTS,
      indexes: [...shownIndexes.value]
    }
  })

  const live = createLivePreview(previewInput)
  const batch = createTrainingBatch(
    spec,
    computed(() => specErrors.value.length === 0)
  )

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
      live.error.value = messageOf(err)
    }
  }

  function togglePin(index: number): void {
    pinned.value = pinned.value.includes(index)
      ? pinned.value.filter((i) => i !== index)
      : [...pinned.value, index]
  }

  function updateOp(i: number, patch: OpPatch): void {
    const op = spec.value.ops[i]
    if (!op) throw new RangeError(`there is no op ${i}; the pipeline has ${spec.value.ops.length}`)
    const ops = [...spec.value.ops]
    ops[i] = { ...op, ...patch } as AugmentOp
    spec.value = { ops }
    preset.value = 'custom'
  }

  function setEnabled(i: number, enabled: boolean): void {
    updateOp(i, { enabled })
  }

  function setFill(patch: Partial<ResolvedFill>): void {
    spec.value = { ops: withFill(spec.value.ops, { ...fill.value, ...patch }) }
    preset.value = 'custom'
  }

  function replaceSpec(next: AugmentSpec, choice: PresetChoice): void {
    replaced.value = { spec: spec.value, preset: preset.value }
    spec.value = editableSpec(next)
    preset.value = choice
  }

  /** Replaces every op with the preset's (ops it lacks are switched off). */
  function loadPreset(id: AugmentPreset['id']): void {
    const next = presetSpec(id)
    if (!next) throw new RangeError(`there is no augmentation preset "${id}"`)
    replaceSpec(next, id)
  }

  /** Reads a spec file's text; on success it replaces the pipeline, else the errors say what to fix. */
  function importJson(text: string): string[] {
    const result = parseAugmentSpecJson(text)
    if (!result.ok) return result.errors
    replaceSpec(result.spec, 'custom')
    return []
  }

  /** The spec as a file; switched-off ops are kept so their settings come back on import. */
  function exportJson(): string {
    return JSON.stringify(spec.value, null, 2) + '\n'
  }

  /** Sets the pipeline without an undo step (a project being opened). */
  function setSpec(next: AugmentSpec): void {
    spec.value = editableSpec(next)
    preset.value = 'custom'
    replaced.value = null
  }

  function undo(): void {
    const before = replaced.value
    if (!before) return
    spec.value = before.spec
    preset.value = before.preset
    replaced.value = null
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

  // Another dataset has other images: the picks, pins and preview of the old one mean nothing there.
  watch(
    () => dataset.opened,
    () => {
      live.clear()
      batch.close()
      shownIndexes.value = []
      pinned.value = []
      pickSeed.value = 0
    }
  )

  return {
    spec,
    preset,
    seed,
    epoch,
    shownIndexes,
    pinned,
    preview: live.preview,
    previewError: live.error,
    serverMs: live.serverMs,
    roundTripMs: live.roundTripMs,
    specErrors,
    fill,
    canUndo,
    previewInput,
    refreshPreview: live.refresh,
    previewSettled: live.settled,
    newImages,
    togglePin,
    updateOp,
    setEnabled,
    setFill,
    loadPreset,
    importJson,
    exportJson,
    setSpec,
    undo,
    setSeed,
    reroll,
    setEpoch,
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
