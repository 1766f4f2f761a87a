import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { blockGeometry } from '../../src/renderer/src/components/network/blockGeometry'
import { useDatasetStore } from '../../src/renderer/src/stores/datasetStore'
import { useNetworkStore } from '../../src/renderer/src/stores/networkStore'
import NetworkView from '../../src/renderer/src/views/NetworkView.vue'

let wrapper: VueWrapper | null = null

beforeEach(() => {
  setActivePinia(createPinia())
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

function mountRoom(): VueWrapper {
  wrapper = mount(NetworkView, { attachTo: document.body })
  return wrapper
}
const blocks = (w: VueWrapper) => w.findAll('[data-testid="layer-block"]')
const kinds = (w: VueWrapper) => blocks(w).map((b) => b.attributes('data-kind'))
const press = async (key: string, mods: KeyboardEventInit = {}): Promise<void> => {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }))
  await flushPromises()
}

describe('Network room', () => {
  it('draws the lecture network with shapes, parameters and totals', () => {
    const w = mountRoom()
    expect(blocks(w)).toHaveLength(8)
    const shapes = w.findAll('[data-testid="layer-shape"]').map((s) => s.text())
    expect(shapes).toEqual(['28×28×32', '14×14×32', '14×14×64', '7×7×64', '3,136', '1,024', '1,024', '10'])
    expect(w.find('[data-testid="total-params"]').text()).toBe('3,274,634')
  })

  it('moves, deletes, duplicates, undoes and redoes from the keyboard', async () => {
    const w = mountRoom()
    await blocks(w)[4]!.trigger('click')
    await press('ArrowUp', { altKey: true })
    expect(kinds(w).slice(3, 5)).toEqual(['flatten', 'maxPool2d'])
    // Pooling after flatten is an error, shown at that layer.
    expect(blocks(w)[4]!.find('[data-testid="layer-error"]').text()).toMatch(
      /maxPool2d needs an image-shaped input/
    )
    await press('z', { ctrlKey: true })
    expect(kinds(w).slice(3, 5)).toEqual(['maxPool2d', 'flatten'])
    expect(w.findAll('[data-testid="layer-error"]')).toHaveLength(0)
    await press('y', { ctrlKey: true })
    expect(kinds(w)[3]).toBe('flatten')
    await press('z', { ctrlKey: true })
    await press('d', { ctrlKey: true })
    expect(kinds(w)).toHaveLength(9)
    expect(useNetworkStore().selected).toBe(5)
    // Deleting the copy selects the layer after it (dense 1024), which the second Delete removes.
    await press('Delete')
    await press('Delete')
    expect(kinds(w)).toEqual(['conv2d', 'maxPool2d', 'conv2d', 'maxPool2d', 'flatten', 'dropout', 'dense'])
    await press('Z', { ctrlKey: true, shiftKey: true })
    expect(kinds(w)).toHaveLength(7) // nothing to redo after an edit
  })

  it('shows a settings error under its field and the filled-in formula', async () => {
    const w = mountRoom()
    await blocks(w)[0]!.trigger('click')
    const filters = w.find('[data-testid="field-filters"]')
    await filters.setValue('0')
    await filters.trigger('change')
    expect(w.find('[data-testid="inspector"]').text()).toContain('must be a positive whole number')
    expect(blocks(w)[0]!.find('[data-testid="layer-error"]').text()).toBe(
      'filters: must be a positive whole number'
    )
    // Delete inside a field edits the field, not the stack.
    filters.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true }))
    expect(blocks(w)).toHaveLength(8)
    await filters.setValue('8')
    await filters.trigger('change')
    expect(blocks(w)[0]!.find('[data-testid="layer-params"]').text()).toBe('208')
    expect(w.find('[data-testid="formula"]').text()).toContain('H_out = (28 − 5 + 2·2)/1 + 1 = 28')
  })

  it('takes the input size and class count from the open dataset', async () => {
    const dataset = useDatasetStore()
    const classNames = ['cat', 'dog', 'fox']
    // Only the fields the room reads; the rest of an import report does not matter here.
    dataset.opened = { report: { input: { height: 32, width: 32, channels: 3 } }, classNames } as never
    const w = mountRoom()
    await flushPromises()
    expect(w.find('[data-testid="input-shape"]').text()).toBe('32×32×3')
    expect(w.find('[data-testid="field-input-height"]').exists()).toBe(false)
    expect(blocks(w)[3]!.find('[data-testid="layer-shape"]').text()).toBe('8×8×64')
    expect(blocks(w)[7]!.find('[data-testid="layer-shape"]').text()).toBe('3')
    expect(w.findAll('[data-testid="layer-error"]')).toHaveLength(0)
  })
})

describe('blockGeometry', () => {
  it('draws bigger maps as bigger boxes, more channels deeper, flat vectors as bars', () => {
    const big = blockGeometry([28, 28, 32])
    const small = blockGeometry([7, 7, 64])
    if (big.kind !== 'box' || small.kind !== 'box') throw new Error('expected boxes')
    expect(big.height).toBeGreaterThan(small.height)
    expect(big.depth).toBeLessThan(small.depth)
    const bar = blockGeometry([1024])
    const shortBar = blockGeometry([10])
    if (bar.kind !== 'bar' || shortBar.kind !== 'bar') throw new Error('expected bars')
    expect(bar.length).toBeGreaterThan(shortBar.length)
    expect(blockGeometry(null).kind).toBe('unknown')
  })
})
