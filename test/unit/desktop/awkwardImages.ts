import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { readMnistIdx } from '../../../src/main/engine/dataset/mnistIdxFiles'
import { noise, solid, writeImage, writeText } from '../dataset/imageFixtures'

/**
 * A dataset of the images that trip decoders up: 16-bit, alpha, EXIF-turned, a 12-megapixel photo, GIF,
 * WebP, TIFF, next to truncated files, text named .png, an empty file and a header claiming 30000×30000.
 */
export async function writeAwkwardFolder(root: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await writeImage(path.join(root, 'good', `plain-${i}.png`), solid(20, 20, [40 * i, 100, 200]))
    await writeImage(path.join(root, 'bad', `plain-${i}.png`), solid(20, 20, [200, 40 * i, 10]))
  }
  await writeImage(path.join(root, 'good', 'deep16.png'), solid(20, 20, [255, 128, 0]).toColourspace('rgb16'))
  await writeImage(
    path.join(root, 'good', 'alpha.png'),
    sharp({
      create: { width: 20, height: 20, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 0.5 } }
    })
  )
  const left = Buffer.alloc(40 * 20, 0)
  for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) left[y * 40 + x] = 255
  await writeImage(
    path.join(root, 'good', 'turned.jpg'),
    sharp(left, { raw: { width: 40, height: 20, channels: 1 } }).withMetadata({ orientation: 6 })
  )
  await writeImage(path.join(root, 'good', 'photo.jpg'), noise(4000, 3000, 7))
  await writeImage(path.join(root, 'good', 'frame.gif'), solid(20, 20, [0, 200, 0]))
  await writeImage(path.join(root, 'good', 'pic.webp'), solid(20, 20, [0, 0, 200]))
  await writeImage(path.join(root, 'good', 'pic.tiff'), solid(20, 20, [90, 90, 90]))

  for (const ext of ['png', 'jpg']) {
    const whole = await readFile(await writeImage(path.join(root, 'bad', `whole.${ext}`), noise(64, 64)))
    await writeFile(path.join(root, 'bad', `whole.${ext}`), whole.subarray(0, Math.floor(whole.length / 2)))
  }
  await writeText(path.join(root, 'bad', 'readme.png'), 'hello, I am not a picture')
  await writeText(path.join(root, 'bad', 'empty.jpg'), '')
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer()
  png.writeUInt32BE(30000, 16)
  png.writeUInt32BE(30000, 20)
  await writeFile(path.join(root, 'bad', 'huge.png'), png)
}

/** The first `perDigit` training digits of each class of the real MNIST, as greyscale PNG files. */
export async function writeMnistPngs(root: string, perDigit: number): Promise<number> {
  const raw = await readMnistIdx()
  const { width, height, pixels } = raw.train.images
  const written = new Array<number>(10).fill(0)
  for (let digit = 0; digit < 10; digit++) await mkdir(path.join(root, String(digit)), { recursive: true })
  const jobs: Promise<void>[] = []
  for (let i = 0; i < raw.train.labels.length && written.some((n) => n < perDigit); i++) {
    const label = raw.train.labels[i] as number
    if ((written[label] as number) >= perDigit) continue
    written[label] = (written[label] as number) + 1
    const image = pixels.subarray(i * width * height, (i + 1) * width * height)
    jobs.push(
      sharp(image, { raw: { width, height, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toFile(path.join(root, String(label), `${i}.png`))
        .then(() => undefined)
    )
  }
  await Promise.all(jobs)
  return jobs.length
}
