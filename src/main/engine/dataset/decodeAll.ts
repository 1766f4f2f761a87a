import type { InputShape, ResizeMode } from '../../../shared/datasetSchemas'
import type { DecodedSet } from './datasetCache'
import { abortError, throwIfAborted } from './datasetErrors'
import { decodeImageInto, type DecodeResult } from './decodeImage'
import { progressReporter, type ImportContext } from './progressReporter'

/**
 * Images in flight at once. sharp decodes on libuv's thread pool (4 threads by default);
 * twice that keeps every thread busy while the main thread reads the next files.
 */
export const DECODE_CONCURRENCY = Math.max(4, Number(process.env.UV_THREADPOOL_SIZE) || 4) * 2

export interface DecodeSource {
  path: string
  absolute: string
  /** Known from lstat: an empty file is skipped without opening it. */
  size: number
}

export type DecodeOne = (index: number, target: Uint8Array) => Promise<DecodeResult>

/** Rejects as soon as the signal fires; images still in flight finish into a buffer nobody keeps. */
async function untilDoneOrAborted(work: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return void (await work)
  throwIfAborted(signal)
  let onAbort = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    await Promise.race([work, aborted])
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
  throwIfAborted(signal)
}

/**
 * Runs `decodeOne` for every index with a bounded number in flight, writing each image
 * straight into one shared pixel buffer, then packs the usable images to the front.
 */
export async function decodeAll(
  count: number,
  paths: (index: number) => string,
  decodeOne: DecodeOne,
  input: InputShape,
  resize: ResizeMode,
  ctx: ImportContext
): Promise<DecodedSet> {
  const imageBytes = input.height * input.width * input.channels
  const pixels = new Uint8Array(count * imageBytes)
  const ok = new Uint8Array(count)
  const widths = new Int32Array(count)
  const heights = new Int32Array(count)
  const formats: string[] = new Array<string>(count)
  const reasons = new Map<number, string>()
  const report = progressReporter(ctx.onProgress)
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < count && !ctx.signal?.aborted) {
      const index = next++
      const result = await decodeOne(index, pixels.subarray(index * imageBytes, (index + 1) * imageBytes))
      if (result.ok) {
        ok[index] = 1
        widths[index] = result.width
        heights[index] = result.height
        formats[index] = result.format
      } else {
        reasons.set(index, result.reason)
      }
      report('decode', ++done, count)
    }
  }
  report('decode', 0, count)
  await untilDoneOrAborted(
    Promise.all(Array.from({ length: Math.min(DECODE_CONCURRENCY, count) }, worker)),
    ctx.signal
  )

  let kept = 0
  for (let i = 0; i < count; i++) if (ok[i]) kept++
  const sourceIndex = new Int32Array(kept)
  const keptWidths = new Int32Array(kept)
  const keptHeights = new Int32Array(kept)
  const keptFormats: string[] = new Array<string>(kept)
  let to = 0
  for (let i = 0; i < count; i++) {
    if (!ok[i]) continue
    if (to !== i) pixels.copyWithin(to * imageBytes, i * imageBytes, (i + 1) * imageBytes)
    sourceIndex[to] = i
    keptWidths[to] = widths[i] as number
    keptHeights[to] = heights[i] as number
    keptFormats[to] = formats[i] as string
    to++
  }
  const skipped = [...reasons.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, reason]) => ({ path: paths(i), reason }))
  const packed = kept === count ? pixels : pixels.slice(0, kept * imageBytes)
  return {
    input,
    resize,
    pixels: packed,
    sourceIndex,
    widths: keptWidths,
    heights: keptHeights,
    formats: keptFormats,
    skipped
  }
}

/** The per-file decoder for a scanned folder. */
export function decodeFiles(
  files: DecodeSource[],
  input: InputShape,
  resize: ResizeMode,
  pixelLimit: number
): DecodeOne {
  return (index, target) => {
    const file = files[index] as DecodeSource
    if (file.size === 0) return Promise.resolve({ ok: false, reason: 'empty file' })
    return decodeImageInto(file.absolute, target, { input, resize, pixelLimit })
  }
}
