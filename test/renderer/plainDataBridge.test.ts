// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { isProxy, reactive, toRaw } from 'vue'
import { presetSpec } from '../../src/shared/augment'
import { createDispatcher } from '../../src/shared/dispatch'
import { toPlainData } from '../../src/shared/plainData'
import { useAugmentStore } from '../../src/renderer/src/stores/augmentStore'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { inProcessTransport } from './inProcessTransport'
import { fakeTrainingEngine, network } from './trainingEngineFake'

const { bus } = fakeTrainingEngine()

describe('plain data across the bridge', () => {
  it('the tests’ transport refuses a reactive proxy, as Electron’s IPC does', async () => {
    const { transport } = inProcessTransport(createDispatcher({}))
    const spec = reactive({ ops: [{ type: 'flip', direction: 'horizontal' }] })
    await expect(transport.invoke('augment.preview', { spec })).rejects.toThrow(/could not be cloned/)
  })

  it('starting a run with augmentation sends the Augment room’s spec as plain data', async () => {
    const augment = useAugmentStore()
    augment.spec = presetSpec('lecture')!
    const training = useTrainingStore()
    training.form.augment = true
    // What TrainControls does: the store's spec, a reactive proxy, goes straight into start().
    expect(isProxy(augment.spec)).toBe(true)
    expect(await training.start(network, augment.spec)).toBe(true)
    const sent = bus.calls.find((c) => c.route === 'training.start')?.input as { augment: unknown }
    expect(sent.augment).toEqual(toRaw(augment.spec))
    expect(isProxy(sent.augment)).toBe(false)
  })
})

describe('toPlainData', () => {
  it('copies reactive state at any depth into plain objects and arrays, keeping binary data', () => {
    const pixels = new Uint8Array([1, 2, 3])
    const state = reactive({ outer: { list: [{ a: 1 }, 'b'] }, when: new Date(0) })
    const input = { nested: state.outer, pixels, flag: true, none: null, gone: undefined }
    const plain = toPlainData(input) as typeof input
    expect(plain).toEqual({
      nested: { list: [{ a: 1 }, 'b'] },
      pixels,
      flag: true,
      none: null,
      gone: undefined
    })
    expect(isProxy(plain.nested)).toBe(false)
    expect(isProxy(plain.nested.list[0])).toBe(false)
    expect(plain.pixels).toBe(pixels)
    expect(() => structuredClone(plain)).not.toThrow()
  })

  it('refuses what cannot be sent, naming where it was found', () => {
    expect(() => toPlainData({ spec: { onChange: () => {} } })).toThrow(
      'input.spec.onChange is a function, which cannot be sent to the engine.'
    )
    expect(() => toPlainData({ items: [new Map()] })).toThrow('input.items[0] is a Map')
  })
})
