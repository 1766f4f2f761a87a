import { sharp, type Sharp } from '../dataset/imageDecoder'
import type { ImageShape } from './pixelBatch'

/** Image files for `cnn-workbench augment`: decode to one common shape, and write results as PNG. */

/** The shape the first image suggests: its own size and 1 channel for grey (with or without alpha), else 3. */
export async function shapeOfImage(path: string): Promise<ImageShape> {
  const meta = await openImage(path).metadata()
  if (!meta.width || !meta.height) throw new Error(`${path}: cannot read the image size`)
  const channels = (meta.channels ?? 3) <= 2 ? 1 : 3
  return { height: meta.height, width: meta.width, channels }
}

function openImage(path: string): Sharp {
  // failOn 'error' rejects truncated files instead of decoding half a picture; the pixel limit guards memory.
  return sharp(path, { failOn: 'error', limitInputPixels: 100_000_000 })
}

/** Decodes, stretches to height × width, and returns raw uint8 HWC with exactly `channels` channels. */
export async function decodeImage(path: string, shape: ImageShape): Promise<Uint8Array> {
  let pipeline = openImage(path)
    .rotate() // respect EXIF orientation, as viewers do
    .resize(shape.width, shape.height, { fit: 'fill' })
    .flatten({ background: '#000000' })
  pipeline = shape.channels === 1 ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb')
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true })
  if (info.channels !== shape.channels || info.width !== shape.width || info.height !== shape.height) {
    throw new Error(
      `${path}: decoded to ${info.height}×${info.width}×${info.channels}, ` +
        `expected ${shape.height}×${shape.width}×${shape.channels}`
    )
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

export async function writePng(path: string, pixels: Uint8Array, shape: ImageShape): Promise<void> {
  const channels = shape.channels as 1 | 3
  await sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), {
    raw: { width: shape.width, height: shape.height, channels }
  })
    // Without this sharp widens one-channel raw pixels to sRGB when it writes the PNG.
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .png()
    .toFile(path)
}
