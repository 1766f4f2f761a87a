import { readdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'

/** Every image file under a folder-per-class root, in a stable order. */
export async function listImageFiles(root: string): Promise<string[]> {
  const files: string[] = []
  for (const name of (await readdir(root)).sort()) {
    if (name.startsWith('.')) continue
    for (const file of (await readdir(path.join(root, name))).sort()) files.push(path.join(root, name, file))
  }
  return files
}

export interface Throughput {
  imagesPerSecond: number
  /** This process's CPU time per image: steadier than wall time on a machine shared with other work. */
  cpuMicrosPerImage: number
}

/** Wall-clock rate and CPU cost of `work` over `count` images. */
export async function measure(count: number, work: () => Promise<unknown>): Promise<Throughput> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  await work()
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  return { imagesPerSecond: count / seconds, cpuMicrosPerImage: (used.user + used.system) / count }
}

/**
 * The yardstick for the importer: read and decode every file to raw greyscale with sharp,
 * `concurrency` at a time, and nothing else.
 */
export function plainDecodeLoop(files: string[], concurrency: number): Promise<Throughput> {
  let next = 0
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] as string
      await sharp(file).toColourspace('b-w').raw().toBuffer()
    }
  }
  return measure(files.length, () => Promise.all(Array.from({ length: concurrency }, worker)))
}
