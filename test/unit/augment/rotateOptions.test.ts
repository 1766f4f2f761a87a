import * as tf from '@tensorflow/tfjs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkAugmentSpec,
  digitFlipWarning,
  expandedSize,
  presetFor,
  presetSpec,
  trainingAugmentProblem,
  type AugmentOp,
  type AugmentSpec
} from '../../../src/shared/augment'
import { augmentBatch, augmentPreview } from '../../../src/main/engine/augment'
import { runTrain } from '../../../src/main/cli/commands/train'
import { startTraining } from '../../../src/main/engine/training/trainingRun'
import { barsDataset } from '../training/syntheticData'
import { tinyRun } from '../training/trainingRunHelpers'
import { GRID_3x4, runOp, useBackend } from './augmentTestImages'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cw-rotate-'))
  await useBackend('wasm')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe("rotate's expand", () => {
  it('grows the canvas exactly as scipy.ndimage.rotate(reshape=True)', () => {
    // Shapes printed by scipy 1.17 for np.zeros((h, w)) rotated by each angle.
    const scipy: [number, number, number, [number, number]][] = [
      [28, 28, 15, [34, 34]],
      [28, 28, 45, [40, 40]],
      [28, 28, 90, [28, 28]],
      [3, 5, 15, [4, 6]],
      [3, 5, 45, [6, 6]],
      [3, 5, 90, [5, 3]],
      [220, 293, 15, [288, 340]],
      [220, 293, 135, [363, 363]]
    ]
    for (const [h, w, degrees, shape] of scipy) {
      const size = expandedSize(h, w, degrees)
      expect([size.height, size.width], `${h}×${w} by ${degrees}°`).toEqual(shape)
    }
  })

  it('turns a 3×4 grid by 90° into np.rot90 of it, 4×3, with nothing cut off', () => {
    expect(runOp(GRID_3x4, { type: 'rotate', degrees: [90, 90], expand: true })).toEqual([
      [4, 8, 12],
      [3, 7, 11],
      [2, 6, 10],
      [1, 5, 9]
    ])
    // Without expand the same turn keeps 3×4 and loses the corners.
    expect(runOp(GRID_3x4, { type: 'rotate', degrees: [90, 90] })).toHaveLength(3)
  })

  it('gives preview variants their own sizes, one image at a time', () => {
    const spec: AugmentSpec = { ops: [{ type: 'rotate', degrees: [10, 80], expand: true }] }
    const images = [new Uint8Array(12 * 20).fill(200), new Uint8Array(12 * 20).fill(100)]
    const preview = augmentPreview({ images, height: 12, width: 20, channels: 1, variants: 3, spec, seed: 4 })
    expect(preview.variants).toHaveLength(6)
    for (const v of preview.variants) {
      const drawn = v.params.ops[0]
      if (drawn?.type !== 'rotate') throw new Error('rotate was not drawn')
      expect([v.height, v.width]).toEqual(Object.values(expandedSize(12, 20, drawn.degrees)))
      expect(v.pixels).toHaveLength(v.height * v.width)
    }
  })

  it('is refused for a training batch, with the reason', () => {
    const spec: AugmentSpec = { ops: [{ type: 'rotate', degrees: [10, 80], expand: true }] }
    const batch = tf.zeros([2, 8, 8, 1]) as tf.Tensor4D
    expect(() => augmentBatch(batch, [{ index: 0 }, { index: 1 }], spec, { seed: 1, epoch: 0 })).toThrow(
      /different sizes, which one batch cannot hold/
    )
    batch.dispose()
    expect(trainingAugmentProblem(spec)).toMatch(/^ops\[0\] \(rotate\) has "expand": true/)
    expect(
      trainingAugmentProblem({ ops: [{ type: 'rotate', degrees: [10, 80], expand: true, enabled: false }] })
    ).toBeNull()
  })

  it('training refuses it before anything is written, in the engine and in the CLI', async () => {
    const spec: AugmentSpec = { ops: [{ type: 'rotate', degrees: [-20, 20], expand: true }] }
    const data = barsDataset(40)
    const runDir = path.join(dir, 'refused')
    await expect(
      startTraining({ ...tinyRun(runDir, data, { augment: true, epochs: 1 }), augment: spec })
    ).rejects.toThrow(/cannot share a training batch; switch expand off/)
    const specFile = path.join(dir, 'expand.json')
    await writeFile(specFile, JSON.stringify(spec))
    let stderr = ''
    const code = await runTrain(
      ['--data', 'mnist', '--template', 'tiny', '--augment', specFile, '--out', path.join(dir, 'cli-run')],
      { stdout: () => {}, stderr: (s) => void (stderr += s), interactive: false }
    )
    expect(code).toBe(2)
    expect(stderr).toMatch(/expand\.json: ops\[0\] \(rotate\) has "expand": true/)
  })
})

describe('bicubic interpolation', () => {
  it('reproduces a quadratic ramp shifted by half a pixel exactly, where bilinear cannot', () => {
    // Keys' cubic (a = −0.5) is exact for polynomials up to degree 2; bilinear only for straight lines.
    const width = 16
    const ramp = [Array.from({ length: width }, (_, x) => (x / width) ** 2 * 16)]
    const expected = Array.from({ length: width }, (_, x) => ((x - 0.5) / width) ** 2 * 16)
    const shift: AugmentOp = { type: 'shift', x: [0.5, 0.5], y: [0, 0] }
    const bicubic = runOp(ramp, { type: 'rotate', degrees: [0, 0], interpolation: 'bicubic' }, 1)
    expect(bicubic[0]).toEqual(ramp[0]?.map((v) => expect.closeTo(v, 5)))
    const run = (interpolation: 'bicubic' | 'bilinear') =>
      tf.tidy(() => {
        const x = tf.tensor4d(
          ramp.flat().map((v) => v / 16),
          [1, 1, width, 1]
        )
        const spec: AugmentSpec = {
          ops: [{ type: 'rotate', degrees: [0, 0], interpolation, fill: 'edge' }, shift]
        }
        return Array.from(
          augmentBatch(x, [{ index: 0 }], spec, { seed: 1, epoch: 0 }).dataSync(),
          (v) => v * 16
        )
      })
    const interior = (values: number[]) => values.slice(2, width - 2)
    const error = (values: number[]) =>
      Math.max(...interior(values).map((v, i) => Math.abs(v - expected[i + 2]!)))
    expect(error(run('bicubic'))).toBeLessThan(1e-5)
    expect(error(run('bilinear'))).toBeGreaterThan(1e-3)
  })

  it('moves whole pixels exactly and keeps values in [0, 1]', () => {
    const spec: Extract<AugmentOp, { type: 'rotate' }> = {
      type: 'rotate',
      degrees: [90, 90],
      interpolation: 'bicubic',
      expand: true
    }
    expect(runOp(GRID_3x4, spec)).toEqual([
      [4, 8, 12],
      [3, 7, 11],
      [2, 6, 10],
      [1, 5, 9]
    ])
    const values = tf.tidy(() => {
      const x = tf.tensor4d([0, 1, 0, 1, 0, 1, 0, 1, 0], [1, 3, 3, 1])
      const turned = augmentBatch(
        x,
        [{ index: 0 }],
        { ops: [{ ...spec, degrees: [33, 33] }] },
        { seed: 1, epoch: 0 }
      )
      return Array.from(turned.dataSync())
    })
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThanOrEqual(1)
  })
})

describe('the spec stays compatible', () => {
  it('takes specs without the new fields, and refuses two interpolations in one resampling', () => {
    expect(checkAugmentSpec({ ops: [{ type: 'rotate', degrees: [-5, 5] }] }).ok).toBe(true)
    expect(
      checkAugmentSpec({
        ops: [{ type: 'rotate', degrees: [-5, 5], expand: true, interpolation: 'bicubic' }]
      }).ok
    ).toBe(true)
    const two = checkAugmentSpec({
      ops: [
        { type: 'rotate', degrees: [-5, 5], interpolation: 'bicubic' },
        { type: 'rotate', degrees: [-5, 5], interpolation: 'bilinear' }
      ]
    })
    expect(two.ok ? [] : two.errors).toEqual([
      expect.stringMatching(/^ops\[1\]\.interpolation: two rotate ops/)
    ])
    expect(
      checkAugmentSpec({ ops: [{ type: 'rotate', degrees: [-5, 5], interpolation: 'nearest' }] }).ok
    ).toBe(false)
  })
})

describe('the Lecture preset', () => {
  it("shifts by up to 30 px of the lecture's 220-px-wide pictures, as a fraction of the width", () => {
    const shift = presetSpec('lecture')?.ops.find((op) => op.type === 'shift')
    expect(shift).toMatchObject({ unit: 'fraction', x: [-0.136, 0.136], y: [-0.136, 0.136] })
  })

  it('does not flip digits: the flip is switched off for MNIST, with the reason', () => {
    const digits = presetFor('lecture', { digits: true })
    expect(digits?.spec.ops.find((op) => op.type === 'flip')?.enabled).toBe(false)
    expect(digits?.notes[0]).toMatch(/mirrored digit/)
    expect(digitFlipWarning(digits!.spec, { digits: true })).toBeNull()
    const photos = presetFor('lecture', { digits: false })
    expect(photos?.spec.ops.find((op) => op.type === 'flip')?.enabled).toBeUndefined()
    expect(digitFlipWarning(photos!.spec, { digits: true })).toMatch(/flipping MNIST/)
  })
})
