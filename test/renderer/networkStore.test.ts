import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { HISTORY_LIMIT, useNetworkStore } from '../../src/renderer/src/stores/networkStore'

const kinds = (store: ReturnType<typeof useNetworkStore>): string[] => store.spec.layers.map((l) => l.type)
const LECTURE = ['conv2d', 'maxPool2d', 'conv2d', 'maxPool2d', 'flatten', 'dense', 'dropout', 'dense']

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('useNetworkStore', () => {
  it('starts with the lecture network, valid, with 3,274,634 parameters', () => {
    const store = useNetworkStore()
    expect(kinds(store)).toEqual(LECTURE)
    expect(store.summary.errors).toEqual([])
    expect(store.summary.totalParams).toBe(3_274_634)
    expect(store.canUndo).toBe(false)
  })

  it('adds a layer after the selection, selects it, and the summary follows', () => {
    const store = useNetworkStore()
    store.select(1)
    store.add('batchNorm')
    expect(kinds(store)).toEqual(['conv2d', 'maxPool2d', 'batchNorm', ...LECTURE.slice(2)])
    expect(store.selected).toBe(2)
    expect(store.summary.layers[2]).toMatchObject({
      kind: 'batchNorm',
      outputShape: [14, 14, 32],
      params: 128
    })
    expect(store.summary.totalParams).toBe(3_274_634 + 128)
    store.add('dropout', 0)
    expect(kinds(store)[0]).toBe('dropout')
  })

  it('reorders layers, keeping the keys and selection with the moved layer', () => {
    const store = useNetworkStore()
    const ids = [...store.layerIds]
    store.select(4)
    store.move(4, 1)
    expect(kinds(store)).toEqual([
      'conv2d',
      'flatten',
      'maxPool2d',
      'conv2d',
      'maxPool2d',
      'dense',
      'dropout',
      'dense'
    ])
    expect(store.layerIds).toEqual([ids[0], ids[4], ids[1], ids[2], ids[3], ids[5], ids[6], ids[7]])
    expect(store.selected).toBe(1)
    // A conv after flatten is now an error at the layer that moved into the wrong place.
    expect(store.summary.errors.map((e) => e.layer)).toEqual([2])
  })

  it('deletes and duplicates layers', () => {
    const store = useNetworkStore()
    store.remove(6)
    expect(kinds(store)).toEqual(['conv2d', 'maxPool2d', 'conv2d', 'maxPool2d', 'flatten', 'dense', 'dense'])
    store.duplicate(0)
    expect(kinds(store).slice(0, 3)).toEqual(['conv2d', 'conv2d', 'maxPool2d'])
    expect(store.layerIds[0]).not.toBe(store.layerIds[1])
    expect(store.selected).toBe(1)
    expect(() => store.remove(42)).toThrow(/layer 42 does not exist; the network has 8 layers/)
  })

  it('undoes and redoes every edit, and a new edit clears redo', () => {
    const store = useNetworkStore()
    store.update(0, { filters: 8 })
    store.remove(6)
    store.setInput({ height: 32, width: 32, channels: 3 })
    expect(store.summary.layers[0]?.params).toBe(5 * 5 * 3 * 8 + 8)
    store.undo()
    expect(store.spec.input).toEqual({ height: 28, width: 28, channels: 1 })
    store.undo()
    expect(kinds(store)).toEqual(LECTURE)
    store.undo()
    expect(store.summary.layers[0]?.params).toBe(832)
    expect(store.canUndo).toBe(false)
    store.redo()
    expect(store.spec.layers[0]).toMatchObject({ filters: 8 })
    expect(store.canRedo).toBe(true)
    store.add('flatten', 0)
    expect(store.canRedo).toBe(false)
    store.redo()
    expect(kinds(store)[0]).toBe('flatten')
  })

  it('keeps invalid settings while the user types and reports them', () => {
    const store = useNetworkStore()
    store.update(2, { filters: 0 })
    expect(store.summary.errors).toEqual([{ layer: 2, message: 'filters: must be a positive whole number' }])
    store.update(2, { type: 'dense' })
    expect(store.spec.layers[2]).toEqual({ type: 'dense', units: 128, activation: 'relu', useBias: true })
  })

  it('does not record edits that change nothing', () => {
    const store = useNetworkStore()
    store.update(0, { filters: 32 })
    store.setClassCount(10)
    expect(store.canUndo).toBe(false)
  })

  it('loads a template for the current input and class count, undoably', () => {
    const store = useNetworkStore()
    store.setInput({ height: 64, width: 64, channels: 3 })
    store.setClassCount(5)
    expect(store.spec.layers[7]).toMatchObject({ type: 'dense', units: 5 })
    store.loadTemplate('vgg-small')
    expect(store.summary.errors).toEqual([])
    expect(store.summary.outputShape).toEqual([5])
    expect(store.summary.layers[0]?.params).toBe(3 * 3 * 3 * 32)
    expect(new Set(store.layerIds).size).toBe(store.spec.layers.length)
    store.undo()
    expect(kinds(store)).toEqual(LECTURE)
  })

  it(`caps the history at ${HISTORY_LIMIT} steps`, () => {
    const store = useNetworkStore()
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) store.update(0, { filters: i })
    let steps = 0
    while (store.canUndo) {
      store.undo()
      steps++
    }
    expect(steps).toBe(HISTORY_LIMIT)
    expect(store.spec.layers[0]).toMatchObject({ filters: 20 })
  })
})
