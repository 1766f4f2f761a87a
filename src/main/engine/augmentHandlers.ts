import type { Handlers } from '../../shared/dispatch'
import { WorkbenchError } from '../../shared/workbenchError'
import { augmentPreview } from './augment'
import { computeBackend } from './compute/computeBackend'
import { imagePixels, type OpenedDataset } from './dataset/openDataset'
import type { DatasetSession } from './datasetHandlers'
import { createRandom } from '../../shared/augment'

const b64 = (a: Uint8Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')

/** `count` training images spread evenly over the classes, the same ones for the same `pickSeed`. */
export function pickPreviewImages(ds: OpenedDataset, count: number, pickSeed: number): number[] {
  const pool = ds.splits.train.length > 0 ? ds.splits.train : Int32Array.from(ds.items.keys())
  const byClass = ds.classNames.map(() => [] as number[])
  for (const i of pool) byClass[ds.labels[i] ?? 0]?.push(i)
  const random = createRandom(pickSeed)
  const picked: number[] = []
  for (let round = 0; picked.length < count && round < count; round++) {
    for (const members of byClass) {
      if (picked.length >= count || members.length === 0) continue
      const choice = members[Math.floor(random() * members.length)]
      if (choice !== undefined && !picked.includes(choice)) picked.push(choice)
    }
  }
  return picked
}

export function createAugmentHandlers(session: DatasetSession): Pick<Handlers, 'augment.preview'> {
  return {
    'augment.preview': async ({ spec, seed, epoch, variants, indexes, count, pickSeed }) => {
      const ds = session.current
      if (!ds) throw new WorkbenchError('not-found', 'Open a dataset first: the preview shows its images.')
      const chosen = indexes ?? pickPreviewImages(ds, count, pickSeed)
      const missing = chosen.find((i) => i >= ds.items.length)
      if (missing !== undefined)
        throw new WorkbenchError('bad-input', `There is no image number ${missing} in this dataset.`)
      await computeBackend()
      const started = performance.now()
      const { height, width, channels } = ds.input
      const result = augmentPreview({
        images: chosen.map((i) => imagePixels(ds, i)),
        height,
        width,
        channels,
        indexes: chosen,
        variants,
        spec,
        seed,
        epoch
      })
      const images = chosen.map((index, i) => ({
        index,
        label: ds.labels[index] ?? 0,
        original: b64(result.originals[i]!),
        variants: result.variants
          .filter((v) => v.sourceIndex === i)
          .map((v) => ({ epoch: v.epoch, pixels: b64(v.pixels), label: v.label, params: v.params }))
      }))
      return { input: ds.input, ms: performance.now() - started, images }
    }
  }
}
