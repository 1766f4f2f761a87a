import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  buildTemplate,
  summarizeNetwork,
  withClassCount,
  type LayerKind,
  type NetworkInputShape,
  type NetworkSpec,
  type TemplateName
} from '../../../shared/network'
import { createEditHistory, jsonClone } from './network/editHistory'
import {
  checkIndex,
  duplicateLayer,
  insertLayer,
  moveLayer,
  removeLayer,
  replaceStack,
  updateLayer,
  type LayerPatch,
  type NetworkSnapshot
} from './network/layerStackEdits'

export { HISTORY_LIMIT } from './network/editHistory'
export type { LayerPatch } from './network/layerStackEdits'

const DEFAULT_INPUT: NetworkInputShape = { height: 28, width: 28, channels: 1 }
const DEFAULT_CLASSES = 10

/**
 * The network being designed in the Network room. Every edit is undoable (up to HISTORY_LIMIT steps);
 * a new edit clears redo. The spec may hold invalid settings while the user types; `summary` reports them.
 */
export const useNetworkStore = defineStore('network', () => {
  const spec = ref<NetworkSpec>(buildTemplate('lecture', DEFAULT_INPUT, DEFAULT_CLASSES))
  /** Stable keys for list rendering and drag-and-drop, parallel to spec.layers. */
  const layerIds = ref<number[]>(spec.value.layers.map((_, i) => i + 1))
  const selected = ref<number | null>(null)
  const classes = ref(DEFAULT_CLASSES)
  let nextId = layerIds.value.length + 1
  const newId = (): number => nextId++

  const summary = computed(() => summarizeNetwork(spec.value, { classes: classes.value }))
  const selectedLayer = computed(() =>
    selected.value === null ? null : (spec.value.layers[selected.value] ?? null)
  )

  const { canUndo, canRedo, edit, undo, redo } = createEditHistory<NetworkSnapshot>({
    read: () => ({
      spec: spec.value,
      layerIds: layerIds.value,
      selected: selected.value,
      classes: classes.value
    }),
    restore(s) {
      spec.value = s.spec
      layerIds.value = s.layerIds
      selected.value = s.selected
      classes.value = s.classes
    }
  })

  /** Inserts a new layer of `kind` at `at` (default: after the selected layer, else at the end) and selects it. */
  function add(kind: LayerKind, at?: number): void {
    edit((d) => insertLayer(d, kind, at, newId))
  }

  /** Moves layer `from` so that it ends up at index `to`; the selection follows the moved layer. */
  function move(from: number, to: number): void {
    edit((d) => moveLayer(d, from, to))
  }

  function remove(i: number): void {
    edit((d) => removeLayer(d, i))
  }

  /** Inserts a copy of layer `i` right after it and selects the copy. */
  function duplicate(i: number): void {
    edit((d) => duplicateLayer(d, i, newId))
  }

  function update(i: number, patch: LayerPatch): void {
    edit((d) => updateLayer(d, i, patch))
  }

  /** Replaces the stack with a template built for the current input and class count. */
  function loadTemplate(name: TemplateName): void {
    edit((d) => replaceStack(d, buildTemplate(name, d.spec.input, d.classes), newId))
  }

  /** Replaces the whole spec (e.g. from a project file), as one undoable step. */
  function setSpec(next: NetworkSpec): void {
    edit((d) => replaceStack(d, jsonClone(next), newId))
  }

  function setInput(input: NetworkInputShape): void {
    edit((d) => {
      d.spec.input = { ...input }
    })
  }

  /** The dataset's number of classes: the classifier's units follow it. */
  function setClassCount(n: number): void {
    edit((d) => {
      d.classes = n
      d.spec = withClassCount(d.spec, n)
    })
  }

  function select(i: number | null): void {
    if (i !== null) checkIndex(i, spec.value.layers.length, 'layer')
    selected.value = i
  }

  return {
    spec,
    layerIds,
    selected,
    selectedLayer,
    classes,
    summary,
    canUndo,
    canRedo,
    add,
    move,
    remove,
    duplicate,
    update,
    loadTemplate,
    setSpec,
    setInput,
    setClassCount,
    select,
    undo,
    redo
  }
})
