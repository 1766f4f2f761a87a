import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  buildTemplate,
  defaultLayer,
  summarizeNetwork,
  withClassCount,
  type LayerKind,
  type LayerSpec,
  type NetworkInputShape,
  type NetworkSpec,
  type TemplateName
} from '../../../shared/network'

/** Settings to change on one layer; a new `type` replaces the layer with that kind's editor defaults. */
export type LayerPatch = Partial<LayerSpec>

/** What one undo step restores: the stack, its stable keys, and what was selected. */
interface Snapshot {
  spec: NetworkSpec
  layerIds: number[]
  selected: number | null
  classes: number
}

export const HISTORY_LIMIT = 200
const DEFAULT_INPUT: NetworkInputShape = { height: 28, width: 28, channels: 1 }
const DEFAULT_CLASSES = 10

// The spec is plain JSON, and JSON cloning also unwraps Vue's reactive proxies (structuredClone cannot).
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

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
  // Snapshots are never edited in place, so the history needs no deep reactivity.
  const past = shallowRef<Snapshot[]>([])
  const future = shallowRef<Snapshot[]>([])
  let nextId = layerIds.value.length + 1

  const summary = computed(() => summarizeNetwork(spec.value, { classes: classes.value }))
  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)
  const selectedLayer = computed(() =>
    selected.value === null ? null : (spec.value.layers[selected.value] ?? null)
  )

  const snapshot = (): Snapshot =>
    clone({ spec: spec.value, layerIds: layerIds.value, selected: selected.value, classes: classes.value })
  function restore(s: Snapshot): void {
    spec.value = s.spec
    layerIds.value = s.layerIds
    selected.value = s.selected
    classes.value = s.classes
  }

  /** Applies an edit to a copy; records it only if something changed. */
  function edit(change: (draft: Snapshot) => void): void {
    const before = snapshot()
    const draft = clone(before)
    change(draft)
    if (JSON.stringify(draft) === JSON.stringify(before)) return
    past.value = [...past.value, before].slice(-HISTORY_LIMIT)
    future.value = []
    restore(draft)
  }

  function checkIndex(i: number, length: number, what: string): void {
    if (!Number.isInteger(i) || i < 0 || i >= length) {
      throw new RangeError(`${what} ${i} does not exist; the network has ${length} layers (0–${length - 1})`)
    }
  }

  /** Inserts a new layer of `kind` at `at` (default: after the selected layer, else at the end) and selects it. */
  function add(kind: LayerKind, at?: number): void {
    edit((d) => {
      const index = at ?? (d.selected !== null ? d.selected + 1 : d.spec.layers.length)
      checkIndex(index, d.spec.layers.length + 1, 'position')
      d.spec.layers.splice(index, 0, defaultLayer(kind))
      d.layerIds.splice(index, 0, nextId++)
      d.selected = index
    })
  }

  /** Moves layer `from` so that it ends up at index `to`; the selection follows the moved layer. */
  function move(from: number, to: number): void {
    edit((d) => {
      checkIndex(from, d.spec.layers.length, 'layer')
      checkIndex(to, d.spec.layers.length, 'position')
      const selectedId = d.selected === null ? null : d.layerIds[d.selected]
      const [layer] = d.spec.layers.splice(from, 1)
      const [id] = d.layerIds.splice(from, 1)
      d.spec.layers.splice(to, 0, layer as LayerSpec)
      d.layerIds.splice(to, 0, id as number)
      d.selected = selectedId === null || selectedId === undefined ? null : d.layerIds.indexOf(selectedId)
    })
  }

  function remove(i: number): void {
    edit((d) => {
      checkIndex(i, d.spec.layers.length, 'layer')
      d.spec.layers.splice(i, 1)
      d.layerIds.splice(i, 1)
      if (d.selected === null) return
      if (d.selected === i)
        d.selected = d.spec.layers.length === 0 ? null : Math.min(i, d.spec.layers.length - 1)
      else if (d.selected > i) d.selected--
    })
  }

  /** Inserts a copy of layer `i` right after it and selects the copy. */
  function duplicate(i: number): void {
    edit((d) => {
      checkIndex(i, d.spec.layers.length, 'layer')
      d.spec.layers.splice(i + 1, 0, clone(d.spec.layers[i] as LayerSpec))
      d.layerIds.splice(i + 1, 0, nextId++)
      d.selected = i + 1
    })
  }

  function update(i: number, patch: LayerPatch): void {
    edit((d) => {
      checkIndex(i, d.spec.layers.length, 'layer')
      const current = d.spec.layers[i] as LayerSpec
      const base = patch.type && patch.type !== current.type ? defaultLayer(patch.type) : current
      d.spec.layers[i] = { ...base, ...patch } as LayerSpec
    })
  }

  /** Replaces the stack with a template built for the current input and class count. */
  function loadTemplate(name: TemplateName): void {
    edit((d) => {
      d.spec = buildTemplate(name, d.spec.input, d.classes)
      d.layerIds = d.spec.layers.map(() => nextId++)
      d.selected = null
    })
  }

  /** Replaces the whole spec (e.g. from a project file), as one undoable step. */
  function setSpec(next: NetworkSpec): void {
    edit((d) => {
      d.spec = clone(next)
      d.layerIds = d.spec.layers.map(() => nextId++)
      d.selected = null
    })
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

  function undo(): void {
    const previous = past.value[past.value.length - 1]
    if (!previous) return
    past.value = past.value.slice(0, -1)
    future.value = [...future.value, snapshot()]
    restore(previous)
  }

  function redo(): void {
    const next = future.value[future.value.length - 1]
    if (!next) return
    future.value = future.value.slice(0, -1)
    past.value = [...past.value, snapshot()]
    restore(next)
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
