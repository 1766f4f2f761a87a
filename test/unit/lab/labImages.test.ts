import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FILTER_PRESETS } from '../../../src/shared/lab'
import { mainThreadBackend } from '../../../src/main/engine/backend/mainThreadBackend'
import { augmentSweep, type SweepTile } from '../../../src/main/engine/lab/augmentSweep'
import { filterImage, poolChain } from '../../../src/main/engine/lab/labFilter'
import { readLabImage, type LabImage } from '../../../src/main/engine/lab/labImage'
import { maxAbsDiff, referenceBlockReduce, referenceConv, type Grid } from './labReference'

let dir = ''
let picture = ''

/** A 220×293 greyscale picture with a bright rectangle, a diagonal and a gradient: edges in every direction. */
async function writePicture(file: string, width: number, height: number): Promise<void> {
  const pixels = Buffer.alloc(width * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const box = x > 40 && x < 150 && y > 60 && y < 200
      const line = Math.abs(x - y) < 3
      pixels[y * width + x] = box ? 230 : line ? 30 : Math.round((x / width) * 120)
    }
  await sharp(pixels, { raw: { width, height, channels: 1 } })
    .png()
    .toFile(file)
}

const grid = (image: LabImage): Grid =>
  Array.from({ length: image.height }, (_, r) =>
    Array.from({ length: image.width }, (_, c) => image.pixels[r * image.width + c]! / 255)
  )
const rows = (values: Float32Array, [h, w]: [number, number]): Grid =>
  Array.from({ length: h }, (_, r) => Array.from(values.subarray(r * w, (r + 1) * w)))

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cw-lab-'))
  picture = path.join(dir, 'picture.png')
  await writePicture(picture, 220, 293)
  await mainThreadBackend()
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('filters on a picture', () => {
  it('read as greyscale in [0, 1] at the picture size', async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    expect([image.height, image.width, image.channels]).toEqual([293, 220, 1])
    expect(image.pixels[100 * 220 + 100]).toBe(230)
  })

  it('every preset, valid and same, matches scipy.signal.convolve2d written out by hand', async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    const x = grid(image)
    for (const preset of FILTER_PRESETS)
      for (const mode of ['valid', 'same'] as const) {
        const result = filterImage(image, preset.kernel, mode)
        const expected = referenceConv(x, preset.kernel, mode, 1, 'convolve')
        expect(result.shape, `${preset.name} ${mode}`).toEqual(mode === 'valid' ? [291, 218] : [293, 220])
        expect(
          maxAbsDiff(rows(result.values, result.shape), expected),
          `${preset.name} ${mode}`
        ).toBeLessThan(1e-5)
        const flat = expected.flat()
        expect(result.min).toBeCloseTo(Math.min(...flat), 5)
        expect(result.max).toBeCloseTo(Math.max(...flat), 5)
        const sum = flat.reduce((a, b) => a + b, 0)
        const magnitude = flat.reduce((a, b) => a + Math.abs(b), 0)
        // float32 values summed in double precision: each off by at most a float32 rounding.
        expect(Math.abs(result.sum - sum), preset.name).toBeLessThan(1e-6 * Math.max(1, magnitude))
      }
  })

  it("filter01 finds the rectangle's horizontal edges and filter02 its vertical ones, beyond [0, 1] on both sides", async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    const [f01, f02] = FILTER_PRESETS
    const horizontal = filterImage(image, f01!.kernel, 'valid')
    const vertical = filterImage(image, f02!.kernel, 'valid')
    const at = (r: { values: Float32Array; shape: [number, number] }, y: number, x: number) =>
      r.values[(y - 1) * r.shape[1] + (x - 1)]!
    // Row 61 is the rectangle's top edge at column 100; column 41 its left edge at row 100.
    expect(Math.abs(at(horizontal, 61, 100))).toBeGreaterThan(0.5)
    expect(Math.abs(at(vertical, 61, 100))).toBeLessThan(0.01)
    expect(Math.abs(at(vertical, 100, 41))).toBeGreaterThan(0.5)
    expect(horizontal.min).toBeLessThan(-0.5)
    expect(horizontal.max).toBeGreaterThan(0.5)
  })

  it('an even kernel in same mode matches the same reference', async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    const kernel = [
      [1, -1],
      [2, 0.5]
    ]
    const result = filterImage(image, kernel, 'same')
    expect(
      maxAbsDiff(rows(result.values, result.shape), referenceConv(grid(image), kernel, 'same', 1, 'convolve'))
    ).toBeLessThan(1e-5)
  })
})

describe('the pooling chain', () => {
  it('pools a 220-px-wide picture five times to 110, 55, 28, 14 and 7 px wide, keeping partial windows', async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    const stages = poolChain(image, 5, 'max')
    expect(stages.map((s) => s.shape)).toEqual([
      [293, 220],
      [147, 110],
      [74, 55],
      [37, 28],
      [19, 14],
      [10, 7]
    ])
  })

  it('a 28×28 digit pooled three times is 14, 7 and then 4 wide', async () => {
    const file = path.join(dir, 'digit.png')
    await writePicture(file, 28, 28)
    const image = await readLabImage({ kind: 'file', path: file }, 1)
    expect(poolChain(image, 3, 'avg').map((s) => s.shape)).toEqual([
      [28, 28],
      [14, 14],
      [7, 7],
      [4, 4]
    ])
  })

  it('has the values of skimage.measure.block_reduce, max and mean', async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 1)
    for (const op of ['max', 'avg'] as const) {
      const stages = poolChain(image, 3, op)
      let expected = grid(image)
      for (const stage of stages.slice(1)) {
        expected = referenceBlockReduce(expected, op)
        expect(maxAbsDiff(rows(stage.values, stage.shape), expected), op).toBeLessThan(1e-5)
      }
    }
  })
})

describe('the augmentation sweep', () => {
  it("shows the lecture's levels with the lecture's titles, rotations grown to hold the whole picture", async () => {
    const image = await readLabImage({ kind: 'file', path: picture }, 3)
    const rows = augmentSweep(image, { expand: true, interpolation: 'bicubic', seed: 1 })
    expect(rows.map((r) => r.tiles.map((t) => t.title))).toEqual([
      ['rotate 30°', 'rotate 60°', 'rotate 90°', 'rotate 120°'],
      ['shift (30, 30)', 'shift (60, 60)', 'shift (−30, −30)', 'shift (−60, −60)'],
      ['scale 1.0', 'scale 0.9', 'scale 0.8', 'scale 0.7'],
      ['salt & pepper 0.05', 'salt & pepper 0.10', 'salt & pepper 0.15', 'salt & pepper 0.20']
    ])
    const [rotations, shifts, scales, noise] = rows
    // scipy.ndimage.rotate(reshape=True): 293×220 turned 30° needs floor(293·cos 30° + 220·sin 30° + 0.5) rows.
    expect(rotations!.tiles.map((t) => [t.height, t.width])).toEqual([
      [364, 337],
      [337, 364],
      [220, 293],
      [337, 364]
    ])
    for (const tile of [...shifts!.tiles, ...scales!.tiles, ...noise!.tiles])
      expect([tile.height, tile.width]).toEqual([293, 220])
    // Salt and pepper 0.20 replaces about a fifth of the pixels, half of them white and half black.
    const replaced = (t: SweepTile) => {
      let n = 0
      for (let i = 0; i < t.pixels.length; i += 3) {
        const v = t.pixels[i]!
        if ((v === 0 || v === 255) && t.pixels[i + 1] === v && t.pixels[i + 2] === v) n++
      }
      return n / (t.height * t.width)
    }
    expect(replaced(noise!.tiles[3]!)).toBeGreaterThan(0.18)
    expect(replaced(noise!.tiles[3]!)).toBeLessThan(0.22)
    // The shift of (30, 30) on this 220-px-wide picture is exactly 30 px right and 30 px down.
    const shifted = shifts!.tiles[0]!
    expect(shifted.pixels[(100 * 220 + 100) * 3]).toBe(image.pixels[(70 * 220 + 70) * 3])
  })
})
