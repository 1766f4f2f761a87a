import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildTemplate } from '../../../src/shared/network'
import { defaultTrainingSettings, type TrainingSettingsInput } from '../../../src/shared/training'
import type { StartTrainingOptions } from '../../../src/main/engine/training/trainingRun'
import type { TrainingData } from '../../../src/main/engine/training/trainingData'

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-training-'))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** A run of the tiny template on `data` (no dropout, so seeded runs repeat exactly). */
export function tinyRun(
  runDir: string,
  data: TrainingData,
  settings: TrainingSettingsInput = {}
): StartTrainingOptions {
  return {
    runDir,
    data,
    source: { kind: 'folder', path: '/synthetic/bars' },
    network: buildTemplate('tiny', data.input, data.classNames.length),
    augment: null,
    settings: defaultTrainingSettings({ epochs: 4, batchSize: 16, learningRate: 0.01, ...settings }),
    backend: 'wasm'
  }
}

/** The float32 values of a saved model's weights.bin. */
export async function savedWeights(modelDir: string): Promise<Float32Array> {
  const bytes = await readFile(path.join(modelDir, 'weights.bin'))
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return max
}

/** Waits for what a background run will do, however slow the machine (a fixed sleep is a guess). */
export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
