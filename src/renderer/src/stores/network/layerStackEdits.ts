import { defaultLayer, type LayerKind, type LayerSpec, type NetworkSpec } from '../../../../shared/network'
import { jsonClone } from './editHistory'

/** Settings to change on one layer; a new `type` replaces the layer with that kind's editor defaults. */
export type LayerPatch = Partial<LayerSpec>

/** What one undo step restores: the stack, its stable keys, and what was selected. */
export interface NetworkSnapshot {
  spec: NetworkSpec
  layerIds: number[]
  selected: number | null
  classes: number
}

/** Hands out a new stable key for a layer. */
export type NewLayerId = () => number

export function checkIndex(i: number, length: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= length) {
    throw new RangeError(`${what} ${i} does not exist; the network has ${length} layers (0–${length - 1})`)
  }
}

/** Inserts a new layer of `kind` at `at` (default: after the selected layer, else at the end) and selects it. */
export function insertLayer(
  d: NetworkSnapshot,
  kind: LayerKind,
  at: number | undefined,
  newId: NewLayerId
): void {
  const index = at ?? (d.selected !== null ? d.selected + 1 : d.spec.layers.length)
  checkIndex(index, d.spec.layers.length + 1, 'position')
  d.spec.layers.splice(index, 0, defaultLayer(kind))
  d.layerIds.splice(index, 0, newId())
  d.selected = index
}

/** Moves layer `from` so that it ends up at index `to`; the selection follows the moved layer. */
export function moveLayer(d: NetworkSnapshot, from: number, to: number): void {
  checkIndex(from, d.spec.layers.length, 'layer')
  checkIndex(to, d.spec.layers.length, 'position')
  const selectedId = d.selected === null ? null : d.layerIds[d.selected]
  const [layer] = d.spec.layers.splice(from, 1)
  const [id] = d.layerIds.splice(from, 1)
  d.spec.layers.splice(to, 0, layer as LayerSpec)
  d.layerIds.splice(to, 0, id as number)
  d.selected = selectedId === null || selectedId === undefined ? null : d.layerIds.indexOf(selectedId)
}

/** Removes layer `i`; the selection stays on its layer, or moves to the next one when that was removed. */
export function removeLayer(d: NetworkSnapshot, i: number): void {
  checkIndex(i, d.spec.layers.length, 'layer')
  d.spec.layers.splice(i, 1)
  d.layerIds.splice(i, 1)
  if (d.selected === null) return
  if (d.selected === i) d.selected = d.spec.layers.length === 0 ? null : Math.min(i, d.spec.layers.length - 1)
  else if (d.selected > i) d.selected--
}

/** Inserts a copy of layer `i` right after it and selects the copy. */
export function duplicateLayer(d: NetworkSnapshot, i: number, newId: NewLayerId): void {
  checkIndex(i, d.spec.layers.length, 'layer')
  d.spec.layers.splice(i + 1, 0, jsonClone(d.spec.layers[i] as LayerSpec))
  d.layerIds.splice(i + 1, 0, newId())
  d.selected = i + 1
}

export function updateLayer(d: NetworkSnapshot, i: number, patch: LayerPatch): void {
  checkIndex(i, d.spec.layers.length, 'layer')
  const current = d.spec.layers[i] as LayerSpec
  const base = patch.type && patch.type !== current.type ? defaultLayer(patch.type) : current
  d.spec.layers[i] = { ...base, ...patch } as LayerSpec
}

/** Puts a whole new stack in place: every layer gets a new key and nothing is selected. */
export function replaceStack(d: NetworkSnapshot, spec: NetworkSpec, newId: NewLayerId): void {
  d.spec = spec
  d.layerIds = d.spec.layers.map(() => newId())
  d.selected = null
}
