import * as tf from '@tensorflow/tfjs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyGeometry } from '../../../src/main/engine/augment/applyGeometry'
import { applyPixelOp, type PixelOpType } from '../../../src/main/engine/augment/applyPixelOp'
import { PROJECT_MODULES } from '../../../src/shared/export/pytorchTrain/trainingProject'
import {
  drawParams,
  sampleTransform,
  type AugmentSpec,
  type DrawnOp,
  type DrawnParams,
  type ResolvedFill
} from '../../../src/shared/augment'
import { seeded, tempDir } from '../export/exportFixtures'
import { pythonJson, torchMissing } from './pythonRunner'

/*
 * augment.py (the PyTorch training project's augmentation) against the app's own ops: the same drawn
 * parameters must give the same pictures, and the same (seed, index, epoch) the same draws.
 */

const missing = torchMissing()
if (missing) console.warn(`Skipping the augment.py parity tests: ${missing}.`)

const H = 12
const W = 10
const C = 3
let dir: string
let cleanup: () => Promise<void>

/** Each job: NHWC pixels, drawn parameters per sample and the fill; answers the augmented NHWC pixels. */
const APPLY = `
import json, sys, torch
from augment import apply_drawn
out = []
for job in json.load(sys.stdin):
    x = torch.tensor(job["pixels"], dtype=torch.float32).view(-1, ${H}, ${W}, ${C}).permute(0, 3, 1, 2)
    keys = [(p["seed"], p["index"], p["epoch"]) for p in job["params"]]
    y = apply_drawn(x, [p["ops"] for p in job["params"]], keys, (job["fill"]["mode"], job["fill"]["value"]))
    out.append(y.permute(0, 2, 3, 1).reshape(-1).tolist())
print(json.dumps(out))
`

interface Job {
  params: DrawnParams[]
  fill: ResolvedFill
}

/** augment.py's results for several jobs, from one Python process (starting torch takes seconds). */
async function pythonAugment(pixels: Float32Array, jobs: Job[]): Promise<number[][]> {
  return pythonJson<number[][]>(
    dir,
    APPLY,
    jobs.map((job) => ({ pixels: Array.from(pixels), ...job }))
  )
}

const DRAW = `
import json, sys
from augment import draw_params
job = json.load(sys.stdin)
print(json.dumps([draw_params(job["spec"], k["seed"], k["index"], k["epoch"], ${H}, ${W}) for k in job["keys"]]))
`

const PIXEL_TYPES = new Set<string>(['saltPepper', 'gaussianNoise', 'brightness', 'contrast'])

/** The app's augmentation of NHWC pixels with given drawn parameters: one resampling, then the pixel ops. */
function appAugment(pixels: Float32Array, params: DrawnParams[], fill: ResolvedFill): Float32Array {
  return tf.tidy(() => {
    const images = tf.tensor4d(pixels, [params.length, H, W, C])
    let x = applyGeometry(
      images,
      params.map((p) => sampleTransform(p.ops, H, W)),
      { fill, interpolation: 'bilinear' }
    )
    const positions = [...new Set(params.flatMap((p) => p.ops.map((op) => op.opPosition)))].sort(
      (a, b) => a - b
    )
    for (const position of positions) {
      const op = params.flatMap((p) => p.ops).find((o) => o.opPosition === position)
      if (op && PIXEL_TYPES.has(op.type)) x = applyPixelOp(x, op.type as PixelOpType, position, params)
    }
    return x.dataSync() as Float32Array
  })
}

function sample(index: number, ops: DrawnOp[]): DrawnParams {
  return { seed: 11, index, epoch: 2, ops }
}

/** Largest difference over pixels at least `margin` pixels from every edge (all pixels for margin 0). */
function maxDifference(a: Float32Array, b: readonly number[], margin: number): number {
  let worst = 0
  a.forEach((value, i) => {
    const x = Math.floor(i / C) % W
    const y = Math.floor(i / (C * W)) % H
    if (x < margin || y < margin || x >= W - margin || y >= H - margin) return
    worst = Math.max(worst, Math.abs(value - (b[i] ?? NaN)))
  })
  return worst
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('cw-augment-parity-'))
  for (const name of ['augment.py', 'geometry.py', 'seeded.py'])
    await writeFile(path.join(dir, name), PROJECT_MODULES[name] ?? '')
})

afterAll(async () => {
  await cleanup()
})

describe.skipIf(missing !== null)("augment.py against the app's augmentation", () => {
  const random = seeded(5)
  const pixels = Float32Array.from({ length: 4 * H * W * C }, () => random())

  it('flips exactly, and rotates, shifts and scales within 1/255 away from the border, for each fill', async () => {
    const flips = [
      sample(0, [{ opPosition: 0, type: 'flip', horizontal: true, vertical: false }]),
      sample(1, [{ opPosition: 0, type: 'flip', horizontal: false, vertical: true }]),
      sample(2, [{ opPosition: 0, type: 'flip', horizontal: true, vertical: true }]),
      sample(3, [])
    ]
    const flipFill: ResolvedFill = { mode: 'constant', value: 0 }

    const moves = [
      sample(0, [{ opPosition: 1, type: 'rotate', degrees: 23.5 }]),
      sample(1, [{ opPosition: 2, type: 'shift', x: 1.75, y: -2.25 }]),
      sample(2, [
        { opPosition: 0, type: 'flip', horizontal: true, vertical: false },
        { opPosition: 1, type: 'rotate', degrees: -71 },
        { opPosition: 3, type: 'scale', factor: 1.3 }
      ]),
      sample(3, [{ opPosition: 3, type: 'scale', factor: 0.6 }])
    ]
    const modes = ['constant', 'edge', 'reflect'] as const
    const jobs: Job[] = [
      { params: flips, fill: flipFill },
      ...modes.map((mode) => ({ params: moves, fill: { mode, value: 0.25 } }))
    ]
    const [flipped = [], ...moved] = await pythonAugment(pixels, jobs)
    expect(maxDifference(appAugment(pixels, flips, flipFill), flipped, 0)).toBe(0)
    modes.forEach((mode, i) => {
      const difference = maxDifference(appAugment(pixels, moves, { mode, value: 0.25 }), moved[i] ?? [], 2)
      expect([mode, difference < 1 / 255]).toEqual([mode, true])
    })
  })

  it('adds the same salt and pepper, noise, brightness and contrast for the same keys', async () => {
    const params = [
      sample(0, [{ opPosition: 4, type: 'saltPepper', amount: 0.2 }]),
      sample(1, [{ opPosition: 5, type: 'gaussianNoise', sigma: 0.1 }]),
      sample(2, [{ opPosition: 6, type: 'brightness', delta: -0.3 }]),
      sample(3, [
        { opPosition: 5, type: 'gaussianNoise', sigma: 0.05 },
        { opPosition: 7, type: 'contrast', factor: 1.7 }
      ])
    ]
    const fill: ResolvedFill = { mode: 'constant', value: 0 }
    const [python = []] = await pythonAugment(pixels, [{ params, fill }])
    expect(maxDifference(appAugment(pixels, params, fill), python, 0)).toBeLessThan(1e-5)
  })

  it('draws the same ops and parameters for the same seed, image index and epoch', async () => {
    const spec: AugmentSpec = {
      ops: [
        { type: 'flip', direction: 'horizontal', probability: 0.5 },
        { type: 'rotate', degrees: [-30, 30], fill: 'reflect', probability: 0.7 },
        { type: 'shift', x: [-0.2, 0.2], y: [-2, 2], unit: 'fraction' },
        { type: 'scale', factor: [0.8, 1.2], enabled: false },
        { type: 'saltPepper', amount: [0, 0.1] },
        { type: 'gaussianNoise', sigma: 0.1, probability: 0.3 },
        { type: 'brightness', delta: [-0.2, 0.2] },
        { type: 'contrast', factor: [0.5, 1.5] }
      ]
    }
    const keys = Array.from({ length: 40 }, (_, i) => ({ seed: 3 + (i % 3), index: i * 7, epoch: i % 4 }))
    const python = await pythonJson<DrawnOp[][]>(dir, DRAW, { spec, keys })
    const app = keys.map((k) => drawParams(spec, { ...k, height: H, width: W }).ops)
    expect(python).toEqual(app)
    expect(new Set(app.map((ops) => ops.length)).size).toBeGreaterThan(1)
  })
})
