import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDataset } from '../../../src/main/engine/dataset/openDataset'
import { describeExport, exportRun } from '../../../src/main/engine/export/exportRun'
import { loadPredictor } from '../../../src/main/engine/predict/loadPredictor'
import { importRun } from '../../../src/main/engine/training/importRun'
import {
  listRuns,
  readEvaluation,
  readMetrics,
  readRunJson
} from '../../../src/main/engine/training/runFolder'
import { startTraining } from '../../../src/main/engine/training/trainingRun'
import type { AugmentSpec } from '../../../src/shared/augment'
import { buildTemplate } from '../../../src/shared/network'
import { defaultTrainingSettings, type RunJson } from '../../../src/shared/training'
import { tempDir } from '../export/exportFixtures'
import { pythonJson, run, TORCHRUN, torchMissing, type Finished } from './pythonRunner'
import { SHAPE_CLASSES, writeShapesDataset } from './shapesDataset'

/*
 * The whole journey of a run that outgrows the laptop: the app trains a short run, exports it as a PyTorch
 * training project, torchrun trains it on two CPU processes (gloo), and the trained folder comes back.
 */

const missing = torchMissing()
if (missing) console.warn(`Skipping the PyTorch training project test: ${missing}.`)

const SIZE = 16
const AUGMENT: AugmentSpec = {
  ops: [
    { type: 'flip', direction: 'horizontal', probability: 0.5 },
    { type: 'rotate', degrees: [-10, 10], fill: 'reflect', probability: 0.5 },
    { type: 'gaussianNoise', sigma: 0.05 }
  ]
}

let dir: string
let cleanup: () => Promise<void>
let appRun: RunJson
let project: string
let torchrun: Finished

/** The final test-split probabilities of the PyTorch weights (final.pt), with data.py's preprocessing. */
const PREDICT = `
import json, sys, torch
from data import load_image, load_splits
from model import ExportedNet
job = json.load(sys.stdin)
splits = load_splits()
net = ExportedNet()
net.load_state_dict(torch.load("final.pt"))
net.eval()
x = torch.stack([torch.from_numpy(load_image(p, splits["input"], splits["resize"])).permute(2, 0, 1) for p in job])
with torch.no_grad():
    y = net(x.float() / 255)
print(json.dumps(y.tolist()))
`

beforeAll(async () => {
  if (missing) return
  ;({ dir, cleanup } = await tempDir('cw-torchrun-'))
  const data = path.join(dir, 'shapes')
  await writeShapesDataset(data, 60, SIZE)
  const cacheDir = path.join(dir, 'cache')
  const openOptions = { split: { train: 0.6, val: 0.1, test: 0.3 }, seed: 4 }
  const dataset = await openDataset({ kind: 'folder', path: data }, openOptions, { cacheDir })
  const training = await startTraining({
    runDir: path.join(dir, 'runs', 'app-run'),
    data: dataset,
    source: { kind: 'folder', path: data },
    openOptions,
    network: buildTemplate('tiny', dataset.input, SHAPE_CLASSES.length),
    augment: AUGMENT,
    settings: defaultTrainingSettings({
      epochs: 2,
      batchSize: 16,
      learningRate: 0.01,
      augment: true,
      seed: 3
    })
  })
  appRun = await training.done
  project = path.join(dir, 'project')
  await exportRun(training.runDir, 'pytorch-train', project, { cacheDir })
  torchrun = await run(
    TORCHRUN,
    // Debian's torch 1.13 under Python 3.11 cannot parse torchrun's default --redirects/--tee (0).
    ['--nproc_per_node=2', '--redirects', '1', '--tee', '1', 'train.py', '--epochs', '2', '--workers', '0'],
    { cwd: project }
  )
}, 600_000)

afterAll(async () => {
  await cleanup?.()
})

describe.skipIf(missing !== null)('a run exported as a PyTorch training project, trained by torchrun', () => {
  it('trains on two processes that end with identical weights', () => {
    expect(torchrun.code, `torchrun failed:\n${torchrun.stdout}\n${torchrun.stderr}`).toBe(0)
    const digests = [...torchrun.stdout.matchAll(/rank (\d) of 2: final weights sha256 ([0-9a-f]{64})/g)]
    expect(digests.map((m) => m[1]).sort()).toEqual(['0', '1'])
    expect(digests[0]?.[2]).toBe(digests[1]?.[2])
  })

  it('writes the files the export dialog announced', async () => {
    const announced = await describeExport(path.join(dir, 'runs', 'app-run'), 'pytorch-train')
    const exported = JSON.parse(await readFile(path.join(project, 'settings.json'), 'utf8')) as {
      exportedFrom: string
    }
    expect(exported.exportedFrom).toBe(appRun.id)
    for (const file of announced.files) {
      const bytes = (await stat(path.join(project, file.name))).size
      if (!file.approximate) expect([file.name, bytes]).toEqual([file.name, file.bytes])
    }
  })

  it("reaches the app's test accuracy within 0.1 and writes the app's run files", async () => {
    const trained = await readRunJson(project)
    expect(trained.status).toBe('completed')
    expect(trained.backend?.name).toBe('pytorch')
    expect(trained.epochsCompleted).toBe(2)
    const torchAccuracy = trained.final?.testAccuracy ?? NaN
    const appAccuracy = appRun.final?.testAccuracy ?? NaN
    console.log(`test accuracy: app ${appAccuracy}, PyTorch (2 processes) ${torchAccuracy}`)
    expect(Math.abs(torchAccuracy - appAccuracy)).toBeLessThanOrEqual(0.1)
    const epochs = (await readMetrics(project)).filter((line) => line.kind === 'epoch')
    expect(epochs.map((line) => line.epoch)).toEqual([1, 2])
    const evaluation = await readEvaluation(project)
    expect(evaluation?.count).toBe(appRun.dataset.counts.test)
    expect(evaluation?.accuracy).toBe(torchAccuracy)
  })

  it("opens in the app as a run, and the app's predictions with its weights equal PyTorch's", async () => {
    const runsDir = path.join(dir, 'runs')
    const { runDir, run: imported } = await importRun(project, runsDir)
    expect((await listRuns(runsDir)).map((r) => r.run.id)).toContain(imported.id)
    const splits = JSON.parse(await readFile(path.join(project, 'splits.json'), 'utf8')) as {
      splits: { test: Record<string, string[]> }
    }
    const images = Object.values(splits.splits.test).flat().slice(0, 20)
    expect(images).toHaveLength(20)
    const root = path.join(dir, 'shapes')
    const torchOutputs = await pythonJson<number[][]>(
      project,
      PREDICT,
      images.map((p) => path.join(root, p))
    )
    const predictor = await loadPredictor(runDir)
    try {
      const app = await predictor.predict(
        await Promise.all(images.map((p) => readFile(path.join(root, p)))),
        SHAPE_CLASSES.length
      )
      let worst = 0
      app.forEach((prediction, i) => {
        for (const score of prediction.top) {
          const theirs = torchOutputs[i]?.[score.index] ?? NaN
          worst = Math.max(worst, Math.abs(score.probability - theirs))
        }
      })
      console.log(`largest difference between the app's and PyTorch's probabilities: ${worst}`)
      expect(worst).toBeLessThan(1e-4)
    } finally {
      predictor.dispose()
    }
  })
})
