import path from 'node:path'
import { buildModel } from '../../src/main/engine/network/buildModel'
import { saveFinalModel } from '../../src/main/engine/training/modelFiles'
import { writeRunJson } from '../../src/main/engine/training/runFolder'
import { buildTemplate } from '../../src/shared/network'
import { defaultTrainingSettings } from '../../src/shared/training'

/**
 * A run folder holding the lecture network for 28×28×1 MNIST digits with its initial weights: what the
 * engine loads for a finished run, without training one (timings do not depend on the weights' values).
 */
export async function writeLectureRun(runDir: string): Promise<void> {
  const classNames = Array.from({ length: 10 }, (_, i) => String(i))
  const input = { height: 28, width: 28, channels: 1 as const }
  const network = buildTemplate('lecture', input, classNames.length)
  const model = buildModel(network)
  try {
    await saveFinalModel(runDir, model)
  } finally {
    model.dispose()
  }
  const now = new Date().toISOString()
  await writeRunJson(runDir, {
    version: 1,
    id: path.basename(runDir),
    status: 'completed',
    createdAt: now,
    updatedAt: now,
    settings: defaultTrainingSettings(),
    network,
    augment: null,
    dataset: {
      source: { kind: 'mnist' },
      options: { resize: 'stretch' },
      input,
      classNames,
      counts: { train: 0, val: 0, test: 0 }
    },
    backend: null,
    epochsCompleted: 1,
    step: 1,
    final: null,
    pid: null,
    error: null,
    warnings: [],
    initialWeights: null
  })
}
