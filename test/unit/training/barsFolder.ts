import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { barsDataset } from './syntheticData'

/** The bars dataset written as greyscale PNGs in horizontal/ and vertical/ folders. */
export async function writeBarsFolder(root: string, count: number, size = 12): Promise<string> {
  const data = barsDataset(count, size)
  const pixels = size * size
  await Promise.all(data.classNames.map((name) => mkdir(path.join(root, name), { recursive: true })))
  for (let i = 0; i < count; i++) {
    const image = data.pixels.subarray(i * pixels, (i + 1) * pixels)
    const png = await sharp(image, { raw: { width: size, height: size, channels: 1 } })
      .png()
      .toBuffer()
    const className = data.classNames[data.labels[i] as number] as string
    await writeFile(path.join(root, className, `${String(i).padStart(4, '0')}.png`), png)
  }
  return root
}
