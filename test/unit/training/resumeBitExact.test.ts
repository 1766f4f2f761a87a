import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { resumeTraining, startTraining } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { AugmentSpec } from '../../../src/shared/augment'
import type { TrainingSettingsInput } from '../../../src/shared/training'
import { barsDataset } from './syntheticData'
import { tempDir, tinyRun } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
const data = barsDataset(400)

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  await trainingBackend('wasm')
})
afterAll(() => cleanup())

/** Trains 4 epochs in one go, and again stopped in epoch 3 and resumed; returns both final weights.bin. */
async function wholeAndResumed(
  name: string,
  settings: TrainingSettingsInput,
  augment: AugmentSpec | null = null
): Promise<[Buffer, Buffer]> {
  const whole = path.join(dir, `${name}-whole`)
  expect((await (await startTraining({ ...tinyRun(whole, data, settings), augment })).done).status).toBe(
    'completed'
  )
  const broken = path.join(dir, `${name}-broken`)
  const first = await startTraining({
    ...tinyRun(broken, data, settings),
    augment,
    progressIntervalMs: 0,
    onProgress: (p) => {
      if (p.epoch === 3 && p.batch === 5) first.stop()
    }
  })
  expect((await first.done).status).toBe('stopped')
  expect((await (await resumeTraining(broken, data)).done).status).toBe('completed')
  return [
    await readFile(path.join(whole, 'model', 'weights.bin')),
    await readFile(path.join(broken, 'model', 'weights.bin'))
  ]
}

// Adam keeps β₁ᵗ and β₂ᵗ by multiplying at every step; rebuilding them on resume as a power differs in
// the last bits, and the weights drift from there.
it.each(['adam', 'momentum', 'rmsprop', 'sgd'] as const)(
  'resumes %s to exactly the weights of the uninterrupted run, bit for bit',
  async (optimizer) => {
    const [whole, resumed] = await wholeAndResumed(optimizer, {
      epochs: 4,
      seed: 7,
      optimizer,
      learningRate: 0.005
    })
    expect(whole.length).toBeGreaterThan(400)
    expect(resumed.equals(whole)).toBe(true)
  }
)

it('resumes adam with augmentation, a cosine schedule and weight decay bit for bit', async () => {
  const augment: AugmentSpec = {
    ops: [
      { type: 'flip', direction: 'horizontal', probability: 0.5 },
      { type: 'gaussianNoise', sigma: 0.05 }
    ]
  }
  const settings: TrainingSettingsInput = {
    epochs: 4,
    seed: 11,
    augment: true,
    schedule: { type: 'cosine' },
    weightDecay: 1e-4
  }
  const [whole, resumed] = await wholeAndResumed('adam-augmented', settings, augment)
  expect(resumed.equals(whole)).toBe(true)
})
