import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

export type Rgb = [number, number, number]

export async function makeTempDir(prefix = 'cnn-workbench-dataset-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix))
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/** A solid image; greyscale when all three components are equal and `grey` is set. */
export function solid(width: number, height: number, colour: Rgb, grey = false): sharp.Sharp {
  const image = sharp({
    create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } }
  })
  return grey ? image.toColourspace('b-w') : image
}

/** Writes a PNG (or the format named by the extension) and creates the folders on the way. */
export async function writeImage(file: string, image: sharp.Sharp): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true })
  const ext = path.extname(file).toLowerCase()
  const encoded =
    ext === '.jpg' || ext === '.jpeg'
      ? image.jpeg({ quality: 95 })
      : ext === '.webp'
        ? image.webp({ lossless: true })
        : ext === '.gif'
          ? image.gif()
          : ext === '.tif' || ext === '.tiff'
            ? image.tiff()
            : image.png()
  await writeFile(file, await encoded.toBuffer())
  return file
}

export async function writeText(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, text)
  return file
}

/** Random pixels: they do not compress, so cutting the file short really truncates the image data. */
export function noise(width: number, height: number, seed = 1): sharp.Sharp {
  const data = Buffer.alloc(width * height * 3)
  let state = seed
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    data[i] = state >>> 24
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
}

/** A small greyscale class-folder dataset: `counts[name]` images per class, each a distinct grey. */
export async function writeClassFolders(
  root: string,
  counts: Record<string, number>,
  size = 8
): Promise<void> {
  let shade = 10
  for (const [name, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++) {
      shade = (shade + 37) % 256
      await writeImage(
        path.join(root, name, `img-${String(i).padStart(3, '0')}.png`),
        solid(size, size, [shade, shade, shade], true)
      )
    }
  }
}
