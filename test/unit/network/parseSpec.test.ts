import { describe, expect, it } from 'vitest'
import {
  buildTemplate,
  formatSummaryText,
  parseSpecJson,
  summarizeNetwork
} from '../../../src/shared/network'

describe('parseSpecJson', () => {
  it('fills in the documented defaults so a minimal spec works', () => {
    const result = parseSpecJson(
      JSON.stringify({
        input: { height: 28, width: 28, channels: 1 },
        layers: [
          { type: 'conv2d', filters: 8, kernelSize: [3, 3] },
          { type: 'maxPool2d', poolSize: [2, 2] },
          { type: 'flatten' },
          { type: 'dense', units: 10, activation: 'softmax' }
        ]
      })
    )
    if (!result.ok) throw new Error(result.errors.join('\n'))
    expect(result.spec.layers[0]).toEqual({
      type: 'conv2d',
      filters: 8,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      activation: 'linear',
      useBias: true
    })
    expect(result.spec.layers[1]).toEqual({ type: 'maxPool2d', poolSize: [2, 2], padding: 'valid' })
    const summary = summarizeNetwork(result.spec)
    expect(summary.layers.map((l) => l.outputShape)).toEqual([[26, 26, 8], [13, 13, 8], [1352], [10]])
  })

  it('turns every invalid setting into a path and a sentence', () => {
    const result = parseSpecJson(
      JSON.stringify({
        input: { height: 28, width: 28, channels: 1 },
        layers: [
          { type: 'flatten' },
          { type: 'dense', units: 64, activation: 'relu' },
          { type: 'conv2d', filters: -3, kernelSize: [3, 3] },
          { type: 'dense', units: 'ten', activation: 'softmax' }
        ]
      })
    )
    expect(result).toEqual({
      ok: false,
      errors: [
        'layers[2].filters: must be a positive whole number',
        'layers[3].units: must be a positive whole number'
      ]
    })
  })

  it('reports broken JSON and a missing input', () => {
    const broken = parseSpecJson('{"input": ')
    expect(broken.ok).toBe(false)
    if (!broken.ok) expect(broken.errors[0]).toMatch(/^the file is not valid JSON \(/)
    expect(parseSpecJson('{"layers": []}')).toEqual({
      ok: false,
      errors: ['input: is missing; must be an object with height, width and channels']
    })
  })
})

describe('formatSummaryText', () => {
  it('prints a Keras-style table with totals', () => {
    const text = formatSummaryText(
      summarizeNetwork(buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10), { classes: 10 })
    )
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^Layer \(type\)\s+Output shape\s+Param #$/)
    expect(lines).toContainEqual(expect.stringMatching(/^0 conv2d\s+\(28, 28, 32\)\s+832$/))
    expect(lines).toContainEqual(expect.stringMatching(/^4 flatten\s+\(3136,\)\s+0$/))
    expect(lines).toContainEqual(expect.stringMatching(/^5 dense\s+\(1024,\)\s+3,212,288$/))
    expect(text).toContain('Total params: 3,274,634 (12.5 MB)')
    expect(text).toContain('Trainable params: 3,274,634')
    expect(text).not.toContain('Errors:')
  })

  it('lists errors by layer and shows unknown shapes as ?', () => {
    const text = formatSummaryText(
      summarizeNetwork({
        input: { height: 28, width: 28, channels: 1 },
        layers: [{ type: 'dense', units: 10, activation: 'softmax' }]
      })
    )
    expect(text).toMatch(/^0 dense\s+\?\s+0$/m)
    expect(text).toContain('Errors:\n  layer 0: dense layer needs a flat input')
  })
})
