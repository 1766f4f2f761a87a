import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MetricsLine, RunJson, TrainingProgress } from '../../../src/shared/training'
import { summary } from '../../../src/main/cli/commands/trainOutput'
import { runCliProcess } from '../../support/runCli'
import { tempDir } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterAll(() => cleanup())

it(
  'train --preset deep-mnist --steps runs the lecture recipe on MNIST with its evaluation cadence',
  async () => {
    const runDir = path.join(dir, 'deep-mnist')
    // A few hundred steps of the 20,000, accuracy every 100 steps on 512 train and 512 test images.
    const args = [
      'train',
      '--data',
      'mnist',
      '--preset',
      'deep-mnist',
      '--steps',
      '200',
      '--evaluate-every',
      '100'
    ]
    const r = await runCliProcess([...args, '--evaluation-images', '512', '--out', runDir, '--json'], {
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      CNN_WORKBENCH_CACHE_DIR: ''
    })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n')
    const events = lines.slice(0, -1).map((l) => TrainingProgress.parse(JSON.parse(l)))
    const final = RunJson.parse(JSON.parse(lines.at(-1)!))
    expect(events.flatMap((e) => (e.periodic ? [e.periodic.step] : []))).toEqual([100, 200])
    expect(final).toMatchObject({
      status: 'completed',
      step: 200,
      settings: {
        steps: 200,
        batchSize: 32,
        optimizer: 'adam',
        learningRate: 1e-4,
        evaluation: { everySteps: 100, images: 512 }
      }
    })
    expect(final.network.layers.filter((l) => l.type === 'conv2d' || l.type === 'dense')).toHaveLength(4)
    // Even 200 steps of the lecture's network get most of the 10,000 test digits right.
    expect(final.final?.testAccuracy).toBeGreaterThan(0.8)
    const metrics = (await readFile(path.join(runDir, 'metrics.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => MetricsLine.parse(JSON.parse(l)))
    const evaluations = metrics.flatMap((l) => (l.kind === 'evaluation' ? [l] : []))
    expect(evaluations.map((e) => [e.step, e.trainImages, e.testImages])).toEqual([
      [100, 512, 512],
      [200, 512, 512]
    ])
    expect(evaluations[1]!.testAccuracy).toBeGreaterThan(evaluations[0]!.testAccuracy! - 0.05)

    // Without --json the closing line puts the test accuracy beside the lecture's.
    expect(summary(final)).toMatch(
      /^Training completed after 200 of 200 steps, test accuracy 0\.\d{4} \(loss \d\.\d{4}\) beside the lecture's 0\.9915/
    )
  },
  20 * 60_000
)
