import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { readMnistIdx } from '../../src/main/engine/dataset/mnistIdxFiles'

const EXPECTED_FILES = 70_000
/** Written last; its name changes whenever the way the files are written changes. */
const COMPLETE_MARKER = '.complete-greyscale-png'

/** Default location of the benchmark's MNIST-as-PNG folder; reused across runs. */
export function defaultMnistPngFolder(): string {
  return path.join(os.tmpdir(), 'cnn-workbench-bench', 'mnist-png')
}

async function isComplete(folder: string): Promise<boolean> {
  try {
    await access(path.join(folder, COMPLETE_MARKER))
    let count = 0
    for (const name of await readdir(folder))
      if (!name.startsWith('.')) count += (await readdir(path.join(folder, name))).length
    return count === EXPECTED_FILES
  } catch {
    return false
  }
}

/**
 * Writes MNIST's 70,000 digits as PNG files in one folder per class (`<digit>/<split>-<n>.png`),
 * once: a complete folder from an earlier run is reused.
 */
export async function ensureMnistPngFolder(
  folder = defaultMnistPngFolder(),
  log = console.log
): Promise<string> {
  if (await isComplete(folder)) return folder
  const building = `${folder}.building-${process.pid}`
  await rm(building, { recursive: true, force: true })
  log(`writing MNIST as ${EXPECTED_FILES} PNG files to ${folder} (once)…`)
  const raw = await readMnistIdx()
  for (let digit = 0; digit < 10; digit++)
    await mkdir(path.join(building, String(digit)), { recursive: true })
  const jobs: Array<{ split: 'train' | 'test'; index: number }> = []
  for (let i = 0; i < raw.train.images.count; i++) jobs.push({ split: 'train', index: i })
  for (let i = 0; i < raw.test.images.count; i++) jobs.push({ split: 'test', index: i })
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]
      if (!job) break
      const part = raw[job.split]
      const { width, height } = part.images
      const size = width * height
      const pixels = part.images.pixels.subarray(job.index * size, (job.index + 1) * size)
      const png = await sharp(pixels, { raw: { width, height, channels: 1 } })
        .toColourspace('b-w')
        .png()
        .toBuffer()
      const label = String(part.labels[job.index])
      await writeFile(
        path.join(building, label, `${job.split}-${String(job.index).padStart(5, '0')}.png`),
        png
      )
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  await rm(folder, { recursive: true, force: true })
  await mkdir(path.dirname(folder), { recursive: true })
  await writeFile(path.join(building, COMPLETE_MARKER), '')
  await rename(building, folder)
  return folder
}
