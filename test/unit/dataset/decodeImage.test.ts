import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InputShape, ResizeMode } from '../../../src/shared/datasetSchemas'
import {
  decodeImageInto,
  DEFAULT_PIXEL_LIMIT,
  type DecodeResult
} from '../../../src/main/engine/dataset/decodeImage'
import { makeTempDir, noise, removeDir, solid, writeImage, writeText, type Rgb } from './imageFixtures'

let dir: string
beforeAll(async () => {
  dir = await makeTempDir()
})
afterAll(async () => {
  await removeDir(dir)
})

async function decode(
  file: string,
  input: InputShape,
  resize: ResizeMode = 'stretch',
  pixelLimit = DEFAULT_PIXEL_LIMIT
) {
  const target = new Uint8Array(input.height * input.width * input.channels)
  const result: DecodeResult = await decodeImageInto(file, target, { input, resize, pixelLimit })
  return { result, target }
}

function expectColour(pixels: Uint8Array, at: number, colour: Rgb, tolerance = 3): void {
  const actual = [pixels[at * 3], pixels[at * 3 + 1], pixels[at * 3 + 2]] as number[]
  actual.forEach((value, c) => expect(Math.abs(value - colour[c]!)).toBeLessThanOrEqual(tolerance))
}

const rgb4: InputShape = { height: 4, width: 4, channels: 3 }

describe('decodeImageInto: formats', () => {
  const colour: Rgb = [200, 50, 30]
  it.each([
    ['png', 'png'],
    ['webp', 'webp'],
    ['tiff', 'tiff'],
    ['tif', 'tiff'],
    ['jpg', 'jpeg'],
    ['gif', 'gif']
  ])('decodes .%s to the input shape with the right colour', async (ext, format) => {
    const file = await writeImage(path.join(dir, `colour.${ext}`), solid(6, 5, colour))
    const { result, target } = await decode(file, rgb4)
    expect(result).toEqual({ ok: true, width: 6, height: 5, format })
    // GIF's palette and JPEG's chroma subsampling shift colours slightly.
    for (let i = 0; i < 16; i++) expectColour(target, i, colour, ext === 'jpg' || ext === 'gif' ? 12 : 1)
  })

  it('reduces a 16-bit PNG to 8 bits', async () => {
    const file = await writeImage(
      path.join(dir, 'deep.png'),
      solid(4, 4, [255, 128, 0]).toColourspace('rgb16')
    )
    expect((await sharp(file).metadata()).depth).toBe('ushort')
    const { result, target } = await decode(file, rgb4)
    expect(result.ok).toBe(true)
    expectColour(target, 0, [255, 128, 0], 1)
  })

  it('flattens alpha onto black', async () => {
    const half = sharp({
      create: { width: 4, height: 4, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 0.5 } }
    })
    const file = await writeImage(path.join(dir, 'alpha.png'), half)
    const { target } = await decode(file, rgb4)
    expectColour(target, 5, [100, 50, 25], 2)
    const grey = await decode(file, { height: 4, width: 4, channels: 1 })
    expect(grey.target.length).toBe(16)
    expect(grey.target[0]).toBeGreaterThan(40)
    expect(grey.target[0]).toBeLessThan(80)
  })

  it('applies the JPEG EXIF orientation, so a wide picture tagged as turned becomes tall', async () => {
    // 40 wide × 20 high, left half white; orientation 6 shows it turned a quarter clockwise.
    const left = Buffer.alloc(40 * 20, 0)
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) left[y * 40 + x] = 255
    const wide = sharp(left, { raw: { width: 40, height: 20, channels: 1 } }).withMetadata({ orientation: 6 })
    const file = await writeImage(path.join(dir, 'turned.jpg'), wide)
    const { result, target } = await decode(file, { height: 40, width: 20, channels: 1 })
    expect(result).toEqual({ ok: true, width: 20, height: 40, format: 'jpeg' })
    expect(target[5 * 20 + 10]).toBeGreaterThan(200) // top half: the white left half turned upwards
    expect(target[35 * 20 + 10]).toBeLessThan(50)
  })
})

describe('decodeImageInto: resize modes', () => {
  // 40×20: black quarter, white half, black quarter (left to right).
  async function bands(): Promise<string> {
    const data = Buffer.alloc(40 * 20, 0)
    for (let y = 0; y < 20; y++) for (let x = 10; x < 30; x++) data[y * 40 + x] = 255
    return writeImage(
      path.join(dir, 'bands.png'),
      sharp(data, { raw: { width: 40, height: 20, channels: 1 } })
    )
  }
  const square: InputShape = { height: 20, width: 20, channels: 1 }
  const at = (pixels: Uint8Array, x: number, y: number) => pixels[y * 20 + x] as number

  it('stretch squeezes the whole picture in', async () => {
    const { target } = await decode(await bands(), square, 'stretch')
    expect([at(target, 1, 10), at(target, 10, 10), at(target, 18, 10)]).toEqual([0, 255, 0])
  })

  it('letterbox keeps the aspect and pads with black, centred', async () => {
    const { target } = await decode(await bands(), square, 'letterbox')
    expect([at(target, 10, 2), at(target, 10, 10), at(target, 10, 17)]).toEqual([0, 255, 0])
    expect(at(target, 1, 10)).toBe(0)
  })

  it('centre-crop fills the square and cuts the sides', async () => {
    const { target } = await decode(await bands(), square, 'centre-crop')
    expect(target.every((value) => value === 255)).toBe(true)
  })
})

describe('decodeImageInto: bad input is skipped with a reason', () => {
  const grey: InputShape = { height: 8, width: 8, channels: 1 }

  it('empty file', async () => {
    const file = await writeText(path.join(dir, 'empty.png'), '')
    expect((await decode(file, grey)).result).toEqual({ ok: false, reason: 'empty file' })
  })

  it('text with an image extension', async () => {
    const file = await writeText(path.join(dir, 'readme.png'), 'hello, I am not a picture')
    expect((await decode(file, grey)).result).toEqual({ ok: false, reason: 'not an image' })
  })

  it.each([
    ['png', 'PNG'],
    ['jpg', 'JPEG']
  ])('truncated %s', async (ext, name) => {
    const whole = await readFile(await writeImage(path.join(dir, `whole.${ext}`), noise(64, 64)))
    const file = path.join(dir, `cut.${ext}`)
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)))
    expect((await decode(file, grey)).result).toEqual({ ok: false, reason: `truncated or corrupt ${name}` })
  })

  it('a decompression bomb: a tiny file of huge dimensions', async () => {
    const file = await writeImage(path.join(dir, 'bomb.png'), solid(3000, 2000, [0, 0, 0], true))
    const { result } = await decode(file, grey, 'stretch', 1_000_000)
    expect(result).toEqual({ ok: false, reason: 'image is 3000×2000 pixels, over the 1-megapixel limit' })
  })

  it('a decompression bomb under the default 50-megapixel limit', async () => {
    // A real PNG header claiming 30000×30000 pixels: the size alone must be enough to refuse it.
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer()
    png.writeUInt32BE(30000, 16)
    png.writeUInt32BE(30000, 20)
    const file = path.join(dir, 'huge.png')
    await writeFile(file, png)
    expect((await decode(file, grey)).result).toEqual({
      ok: false,
      reason: 'image is 30000×30000 pixels, over the 50-megapixel limit'
    })
  })
})
