import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

/** A solid-colour square with a class-specific bar, so classes differ visibly in screenshots. */
export async function writeImage(
  file: string,
  size: number,
  shade: number,
  format: 'png' | 'jpeg' = 'png'
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const bar = Buffer.from(
    `<svg width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="rgb(${shade},${255 - shade},128)"/>` +
      `<rect x="${size / 4}" y="${size / 3}" width="${size / 2}" height="${size / 6}" fill="white"/></svg>`
  )
  const img = sharp(bar)
  await (format === 'png' ? img.png() : img.jpeg()).toFile(file)
}

/** A folder-per-class dataset with known counts and a few files that must be reported as skipped. */
export async function makeFolderDataset(
  root: string
): Promise<{ counts: Record<string, number>; bad: string[] }> {
  const counts = { circle: 12, square: 9, triangle: 6 }
  let shade = 20
  for (const [name, n] of Object.entries(counts)) {
    for (let i = 0; i < n; i++) await writeImage(path.join(root, name, `${name}-${i}.png`), 32, shade + i * 3)
    shade += 80
  }
  await writeFile(path.join(root, 'circle', 'empty.png'), Buffer.alloc(0))
  await writeFile(path.join(root, 'square', 'notes.jpg'), 'this is text, not a JPEG')
  const good = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } })
    .png()
    .toBuffer()
  await writeFile(path.join(root, 'triangle', 'cut.png'), good.subarray(0, Math.floor(good.length / 2)))
  return { counts, bad: ['circle/empty.png', 'square/notes.jpg', 'triangle/cut.png'] }
}
