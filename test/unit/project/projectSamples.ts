import { buildTemplate } from '../../../src/shared/network'
import { projectFromContent, type ProjectFile } from '../../../src/shared/project'
import { defaultTrainingSettings } from '../../../src/shared/training'

/** A project with something in every field, as the app would save it. */
export function sampleProject(name = 'Shapes'): ProjectFile {
  return projectFromContent(
    name,
    {
      dataset: { source: { kind: 'folder', path: '/data/shapes' }, options: { size: 32, seed: 7 } },
      augment: { ops: [{ type: 'rotate', degrees: [-10, 10], fill: 'edge' }] },
      augmentSeed: 1234,
      network: buildTemplate('tiny', { height: 32, width: 32, channels: 3 }, 3),
      training: defaultTrainingSettings({ epochs: 3, batchSize: 16, optimizer: 'sgd', learningRate: 0.05 })
    },
    '2026-01-02T03:04:05.000Z'
  )
}

/** The first project format: network under "model", the source at the top, no augmentation seed. */
export function v1Text(): string {
  return JSON.stringify(
    {
      version: 1,
      name: 'Old digits',
      created: '2024-05-06T07:08:09.000Z',
      dataset: { kind: 'mnist' },
      datasetOptions: { size: 28 },
      augmentation: { ops: [{ type: 'flip', direction: 'horizontal' }] },
      model: buildTemplate('lenet5', { height: 28, width: 28, channels: 1 }, 10),
      training: { epochs: 2 }
    },
    null,
    2
  )
}
