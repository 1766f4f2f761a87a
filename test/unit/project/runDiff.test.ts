import { describe, expect, it } from 'vitest'
import { compareRuns, describeLayer } from '../../../src/renderer/src/components/project/runDiff'
import { buildTemplate } from '../../../src/shared/network'
import { defaultTrainingSettings, type RunJson } from '../../../src/shared/training'

function run(id: string, over: Partial<RunJson>): RunJson {
  return {
    version: 1,
    id,
    status: 'completed',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:01:30.000Z',
    settings: defaultTrainingSettings(),
    network: buildTemplate('tiny', { height: 28, width: 28, channels: 1 }, 10),
    augment: null,
    dataset: {
      source: { kind: 'mnist' },
      options: {},
      input: { height: 28, width: 28, channels: 1 },
      classNames: ['0', '1'],
      counts: { train: 10, val: 1, test: 1 }
    },
    backend: null,
    epochsCompleted: 5,
    step: 50,
    final: {
      trainLoss: 0.2,
      trainAccuracy: 0.9,
      valLoss: 0.3,
      valAccuracy: 0.85,
      testLoss: 0.3,
      testAccuracy: 0.8,
      imagesPerSecond: 500,
      bestEpoch: 5
    },
    pid: null,
    error: null,
    warnings: [],
    initialWeights: null,
    ...over
  }
}

describe('comparing two runs', () => {
  it('marks exactly the settings, layers, ops and results that differ', () => {
    const a = run('a', {})
    const network = buildTemplate('tiny', { height: 28, width: 28, channels: 1 }, 10)
    const b = run('b', {
      settings: defaultTrainingSettings({ optimizer: 'sgd', learningRate: 0.05, epochs: 5 }),
      network: { ...network, layers: [...network.layers, { type: 'dropout', rate: 0.25 }] },
      augment: { ops: [{ type: 'flip', direction: 'horizontal' }] },
      updatedAt: '2026-01-01T10:03:00.000Z',
      final: { ...a.final!, testAccuracy: 0.9 }
    })
    const differing = compareRuns(a, b)
      .filter((r) => r.differs)
      .map((r) => `${r.section}/${r.label}: ${r.a} → ${r.b}`)
    expect(differing).toEqual([
      'Results/test accuracy: 80.0% → 90.0%',
      'Results/duration: 1 min 30 s → 3 min 0 s',
      'Training/optimizer: adam → sgd',
      'Training/learning rate: 0.001 → 0.05',
      `Network/layers: ${network.layers.length} → ${network.layers.length + 1}`,
      `Network/layer ${network.layers.length + 1}: — → dropout: rate 0.25`,
      'Augmentation/ops: 0 → 1',
      'Augmentation/op 1: — → flip: direction horizontal'
    ])
    expect(compareRuns(a, a).some((r) => r.differs)).toBe(false)
  })

  it('writes a layer with its settings', () => {
    expect(
      describeLayer({
        type: 'conv2d',
        filters: 8,
        kernelSize: [3, 3],
        strides: [1, 1],
        padding: 'same',
        activation: 'relu',
        useBias: true
      })
    ).toBe('conv2d: filters 8, kernelSize 3×3, strides 1×1, padding same, activation relu, useBias true')
  })
})
