import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { resumeTraining, startTraining } from '../../../src/main/engine/training/trainingRun'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import type { AugmentSpec } from '../../../src/shared/augment'
import type { NetworkSpec } from '../../../src/shared/network'
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
  augment: AugmentSpec | null = null,
  network?: NetworkSpec
): Promise<[Buffer, Buffer]> {
  const run = (runDir: string): ReturnType<typeof tinyRun> => ({
    ...tinyRun(runDir, data, settings),
    ...(network ? { network } : {}),
    augment
  })
  const whole = path.join(dir, `${name}-whole`)
  expect((await (await startTraining(run(whole))).done).status).toBe('completed')
  const broken = path.join(dir, `${name}-broken`)
  const first = await startTraining({
    ...run(broken),
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

it('draws the same dropout masks again: two runs of one seed, and a resumed run, end bit for bit alike', async () => {
  const network: NetworkSpec = {
    input: data.input,
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: 24, activation: 'relu', useBias: true },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: data.classNames.length, activation: 'softmax', useBias: true }
    ]
  }
  const settings: TrainingSettingsInput = { epochs: 4, seed: 5, learningRate: 0.005 }
  const [whole, resumed] = await wholeAndResumed('dropout', settings, null, network)
  const [again] = await wholeAndResumed('dropout-again', settings, null, network)
  expect(again.equals(whole)).toBe(true)
  expect(resumed.equals(whole)).toBe(true)
  // Another seed draws other masks (and other initial weights): the runs differ.
  const [other] = await wholeAndResumed('dropout-other', { ...settings, seed: 6 }, null, network)
  expect(other.equals(whole)).toBe(false)
})
