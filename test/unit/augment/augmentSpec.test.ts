import { describe, expect, it } from 'vitest'
import {
  AUGMENT_PRESETS,
  checkAugmentSpec,
  parseAugmentSpecJson,
  presetSpec,
  resolveFill
} from '../../../src/shared/augment'

const PUBLIC_EXAMPLE_TEXT =
  '{"ops":[{"type":"flip","direction":"horizontal"},{"type":"rotate","degrees":[-30,30],"fill":"constant","fillValue":0,"probability":0.5},{"type":"shift","x":[-3,3],"y":[-3,3],"unit":"px","fill":"constant"},{"type":"scale","factor":[0.7,1.0],"fill":"constant"},{"type":"saltPepper","amount":0.05},{"type":"gaussianNoise","sigma":0.1},{"type":"brightness","delta":[-0.2,0.2]},{"type":"contrast","factor":[0.8,1.2]}]}'

function errorsOf(text: string): string[] {
  const result = parseAugmentSpecJson(text)
  if (result.ok) throw new Error('expected the spec to be rejected')
  return result.errors
}

describe('augmentation spec', () => {
  it('accepts the public example unchanged', () => {
    const result = parseAugmentSpecJson(PUBLIC_EXAMPLE_TEXT)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.spec).toEqual(JSON.parse(PUBLIC_EXAMPLE_TEXT))
  })

  it('says where a range is backwards or out of bounds', () => {
    expect(
      errorsOf('{"ops":[{"type":"flip","direction":"horizontal"},{"type":"rotate","degrees":[30,-30]}]}')
    ).toEqual(['ops[1].degrees: degrees is a range [min, max]: the first number must not exceed the second'])
    expect(errorsOf('{"ops":[{"type":"saltPepper","amount":0.7}]}')[0]).toMatch(/^ops\[0\]\.amount: .*0\.5/)
    expect(errorsOf('{"ops":[{"type":"rotate","degrees":[0,30],"probability":2}]}')).toEqual([
      'ops[0].probability: probability must be between 0 and 1'
    ])
  })

  it('names the valid choices for an unknown op type, direction or fill', () => {
    expect(errorsOf('{"ops":[{"type":"blur"}]}')[0]).toMatch(/^ops\[0\]\.type: .*flip, rotate, shift, scale/)
    expect(errorsOf('{"ops":[{"type":"flip","direction":"sideways"}]}')[0]).toContain(
      '"horizontal", "vertical" or "both"'
    )
    expect(errorsOf('{"ops":[{"type":"shift","x":[0,1],"y":[0,1],"fill":"wrap"}]}')[0]).toContain(
      '"constant", "edge" or "reflect"'
    )
  })

  it('rejects misspelt fields and text that is not JSON', () => {
    expect(errorsOf('{"ops":[{"type":"rotate","degrees":[0,30],"probabilty":0.5}]}')[0]).toMatch(/probabilty/)
    expect(errorsOf('{"ops": [')[0]).toMatch(/^the augmentation spec is not valid JSON/)
    expect(errorsOf('[]')).toEqual(['an augmentation spec is an object like {"ops": [ ... ]}'])
    expect(errorsOf('{"ops":[],"extra":1}')[0]).toMatch(/extra/)
  })

  it('asks for one fill when rotate, shift and scale disagree (they share one resampling)', () => {
    const errors = errorsOf(
      '{"ops":[{"type":"rotate","degrees":[0,30],"fill":"reflect"},{"type":"scale","factor":[0.8,1],"fill":"constant"}]}'
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^ops\[1\]\.fill: scale has fill "constant" but rotate has "reflect"/)
    // A disabled op does not take part, and one explicit fill is enough for all.
    const ok = checkAugmentSpec({
      ops: [
        { type: 'rotate', degrees: [0, 30], fill: 'reflect' },
        { type: 'scale', factor: [0.8, 1], fill: 'constant', enabled: false },
        { type: 'shift', x: [0, 1], y: [0, 1] }
      ]
    })
    expect(ok.ok).toBe(true)
    if (ok.ok) expect(resolveFill(ok.spec)).toEqual({ mode: 'reflect', value: 0 })
  })

  it('ships presets None, Lecture, Light and Strong that are valid specs', () => {
    expect(AUGMENT_PRESETS.map((p) => p.name)).toEqual(['None', 'Lecture', 'Light', 'Strong'])
    for (const preset of AUGMENT_PRESETS)
      expect(checkAugmentSpec(preset.spec)).toEqual({ ok: true, spec: preset.spec })
    const lecture = presetSpec('Lecture')
    expect(lecture?.ops.map((op) => op.type)).toEqual(['flip', 'rotate', 'shift', 'scale', 'saltPepper'])
    // A copy: editing it leaves the preset alone.
    lecture?.ops.pop()
    expect(presetSpec('lecture')?.ops).toHaveLength(5)
  })
})
