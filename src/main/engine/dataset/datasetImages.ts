import path from 'node:path'
import { sharp } from './imageDecoder'
import type { OpenedDataset } from './assembleDataset'
import { DatasetError } from './datasetErrors'
import { DEFAULT_PIXEL_LIMIT } from './decodeImage'

function checkIndex(ds: OpenedDataset, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= ds.items.length) {
    throw new DatasetError(
      `Image ${index} does not exist; this dataset has images 0 to ${ds.items.length - 1}.`
    )
  }
}

/** One image's H·W·C bytes, as a view into the dataset's pixel buffer (no copy). */
export function imagePixels(ds: OpenedDataset, index: number): Uint8Array {
  checkIndex(ds, index)
  const { height, width, channels } = ds.input
  const size = height * width * channels
  return ds.pixels.subarray(index * size, (index + 1) * size)
}

/**
 * The source image as PNG for the detail view, oriented as shown and at most `maxSide` a side.
 * MNIST has no source files, so its PNG is made from the stored pixels.
 */
export async function originalImagePng(ds: OpenedDataset, index: number, maxSide = 512): Promise<Buffer> {
  checkIndex(ds, index)
  const fit = { width: maxSide, height: maxSide, fit: 'inside' as const, withoutEnlargement: true }
  if (ds.root === null) {
    const { height, width, channels } = ds.input
    return sharp(imagePixels(ds, index), { raw: { width, height, channels } }).resize(fit).png().toBuffer()
  }
  const item = ds.items[index]
  const file = path.join(ds.root, ...(item?.path ?? '').split('/'))
  try {
    return await sharp(file, { limitInputPixels: DEFAULT_PIXEL_LIMIT })
      .autoOrient()
      .resize(fit)
      .png()
      .toBuffer()
  } catch (error) {
    throw new DatasetError(
      `${item?.path} can no longer be read (${String(error)}); reopen the dataset if the folder changed.`
    )
  }
}
