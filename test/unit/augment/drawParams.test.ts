import { describe, expect, it } from 'vitest'
import { describeParams, drawParams, type AugmentOp, type AugmentSpec } from '../../../src/shared/augment'

const context = { seed: 3, index: 0, epoch: 0, height: 28, width: 28 }

describe('drawParams', () => {
  it('draws within the ranges, converting fractions to pixels', () => {
    const spec: AugmentSpec = {
      ops: [
        { type: 'rotate', degrees: [-30, 30] },
        { type: 'shift', x: [-0.1, 0.1], y: [0.5, 0.5], unit: 'fraction' }
      ]
    }
    for (let index = 0; index < 200; index++) {
      const [rotate, shift] = drawParams(spec, { ...context, index }).ops
      if (rotate?.type !== 'rotate' || shift?.type !== 'shift') throw new Error('both ops should apply')
      expect(Math.abs(rotate.degrees)).toBeLessThanOrEqual(30)
      expect(Math.abs(shift.x)).toBeLessThanOrEqual(2.8)
      expect(shift.y).toBe(14)
    }
  })

  it('applies an op with its probability', () => {
    const spec: AugmentSpec = { ops: [{ type: 'flip', direction: 'horizontal', probability: 0.3 }] }
    let applied = 0
    for (let index = 0; index < 4000; index++) applied += drawParams(spec, { ...context, index }).ops.length
    expect(Math.abs(applied / 4000 - 0.3)).toBeLessThan(0.03)
  })

  it("keeps one op's draws when another op is switched off or changed", () => {
    const rotate: AugmentOp = { type: 'rotate', degrees: [-30, 30] }
    const a = drawParams({ ops: [{ type: 'brightness', delta: [-0.2, 0.2] }, rotate] }, context).ops
    const b = drawParams(
      { ops: [{ type: 'brightness', delta: [-0.2, 0.2], enabled: false }, rotate] },
      context
    ).ops
    const c = drawParams({ ops: [{ type: 'contrast', factor: [0.5, 2] }, rotate] }, context).ops
    expect(b).toEqual([a[1]])
    expect(c[1]).toEqual(a[1])
  })
})

describe('describeParams', () => {
  it('writes one readable line with real minus signs', () => {
    expect(
      describeParams({
        ops: [
          { opPosition: 1, type: 'rotate', degrees: -23.5 },
          { opPosition: 2, type: 'shift', x: 3, y: -1 },
          { opPosition: 5, type: 'gaussianNoise', sigma: 0.1 }
        ]
      })
    ).toBe('rotate −23.5°, shift (+3, −1), noise σ 0.10')
    expect(
      describeParams({
        ops: [
          { opPosition: 0, type: 'flip', horizontal: true, vertical: false },
          { opPosition: 3, type: 'scale', factor: 0.8512 },
          { opPosition: 4, type: 'saltPepper', amount: 0.05 },
          { opPosition: 6, type: 'brightness', delta: -0.123 },
          { opPosition: 7, type: 'contrast', factor: 1.1 }
        ]
      })
    ).toBe('flip horizontal, scale ×0.85, salt & pepper 0.05, brightness −0.12, contrast ×1.10')
    expect(describeParams({ ops: [] })).toBe('original')
  })
})
