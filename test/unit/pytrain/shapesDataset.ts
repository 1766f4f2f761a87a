import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { seeded } from '../export/exportFixtures'

export const SHAPE_CLASSES = ['bars', 'blob', 'columns'] as const

/** One grey image of a class: horizontal bars, a bright square, or vertical bars, at a random phase, with noise. */
function shapePixels(kind: (typeof SHAPE_CLASSES)[number], size: number, random: () => number): Uint8Array {
  const pixels = new Uint8Array(size * size)
  const phase = Math.floor(random() * 4)
  const left = Math.floor(random() * (size / 2))
  const top = Math.floor(random() * (size / 2))
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on =
        kind === 'bars'
          ? (y + phase) % 4 < 2
          : kind === 'columns'
            ? (x + phase) % 4 < 2
            : x >= left && x < left + size / 2 && y >= top && y < top + size / 2
      const noise = Math.floor(random() * 60)
      pixels[y * size + x] = on ? 195 + noise : noise
    }
  }
  return pixels
}

/**
 * A folder-per-class dataset of `perClass` grey PNGs per class, `size`×`size`, made with sharp. The images
 * already have the network's input size, so every decoder reads the same bytes.
 */
export async function writeShapesDataset(
  root: string,
  perClass: number,
  size: number,
  seed = 7
): Promise<void> {
  const random = seeded(seed)
  for (const kind of SHAPE_CLASSES) {
    await mkdir(path.join(root, kind), { recursive: true })
    for (let i = 0; i < perClass; i++) {
      const raw = shapePixels(kind, size, random)
      await sharp(raw, { raw: { width: size, height: size, channels: 1 } })
        .png()
        .toFile(path.join(root, kind, `${kind}-${String(i).padStart(3, '0')}.png`))
    }
  }
}
