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

/**
 * The yardstick for the importer: read and decode every file to raw greyscale with sharp,
 * `concurrency` at a time, and nothing else. Returns images per second.
 */
export async function plainDecodeLoop(files: string[], concurrency: number): Promise<number> {
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++] as string
      await sharp(file).toColourspace('b-w').raw().toBuffer()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return files.length / ((performance.now() - started) / 1000)
}
