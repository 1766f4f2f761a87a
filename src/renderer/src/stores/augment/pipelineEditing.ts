import { computed, ref, shallowRef } from 'vue'
import {
  checkAugmentSpec,
  parseAugmentSpecJson,
  presetFor,
  type AugmentOp,
  type AugmentPreset,
  type AugmentSpec,
  type ResolvedFill
} from '../../../../shared/augment'
import { editableSpec, sharedFill, withFill, type OpPatch } from '../../domain/augment/specEditing'

export type PresetChoice = AugmentPreset['id'] | 'custom'

/**
 * The augmentation pipeline as the Augment room edits it: every op with its settings, the preset it came
 * from ('custom' once edited), the shared border fill, and one step of undo for a preset or an import.
 */
export function createPipelineEditing() {
  const spec = ref<AugmentSpec>(editableSpec({ ops: [] }))
  const preset = ref<PresetChoice>('none')
  /** The spec before the last preset or import, for one step of undo. */
  const replaced = shallowRef<{ spec: AugmentSpec; preset: PresetChoice } | null>(null)

  const specErrors = computed(() => {
    const checked = checkAugmentSpec(spec.value)
    return checked.ok ? [] : checked.errors
  })
  const fill = computed<ResolvedFill>(() => sharedFill(spec.value.ops))
  const canUndo = computed(() => replaced.value !== null)

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

  /** What the last preset changed for this dataset (a flip switched off for digits), to tell the person. */
  const presetNotes = ref<string[]>([])

  /**
   * Replaces every op with the preset's (ops it lacks are switched off). For digits a preset's flip is
   * switched off, and `presetNotes` says why.
   */
  function loadPreset(id: AugmentPreset['id'], dataset: { digits: boolean } = { digits: false }): void {
    const next = presetFor(id, dataset)
    if (!next) throw new RangeError(`there is no augmentation preset "${id}"`)
    replaceSpec(next.spec, id)
    presetNotes.value = next.notes
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

  return {
    spec,
    preset,
    specErrors,
    fill,
    canUndo,
    updateOp,
    setEnabled,
    setFill,
    loadPreset,
    presetNotes,
    importJson,
    exportJson,
    setSpec,
    undo
  }
}
