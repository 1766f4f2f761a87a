import type { RouteOutput } from '../../shared/contract'
import type { Handlers } from '../../shared/dispatch'
import { WorkbenchError } from '../../shared/workbenchError'
import { augmentPreview } from './augment'
import { mainThreadBackend } from './backend/mainThreadBackend'
import { imagePixels, type OpenedDataset } from './dataset/openDataset'
import type { DatasetSession } from './datasetHandlers'
import { createRandom, type AugmentSpec } from '../../shared/augment'
import { epochOrder, limitTrainSplit } from './training/trainingData'

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

function openDataset(session: DatasetSession): OpenedDataset {
  const ds = session.current
  if (!ds) throw new WorkbenchError('not-found', 'Open a dataset first: the preview shows its images.')
  return ds
}

/** The images at `chosen`, each with `variants` augmentations drawn for epochs `epoch`, `epoch + 1`, … */
async function augmentedImages(
  ds: OpenedDataset,
  chosen: readonly number[],
  draw: { spec: AugmentSpec; seed: number; epoch: number; variants: number }
): Promise<RouteOutput<'augment.preview'>> {
  const missing = chosen.find((i) => i >= ds.items.length)
  if (missing !== undefined)
    throw new WorkbenchError('bad-input', `There is no image number ${missing} in this dataset.`)
  await mainThreadBackend()
  const started = performance.now()
  const { height, width, channels } = ds.input
  const result = augmentPreview({
    images: chosen.map((i) => imagePixels(ds, i)),
    height,
    width,
    channels,
    indexes: chosen,
    ...draw
  })
  const images = chosen.map((index, i) => ({
    index,
    label: ds.labels[index] ?? 0,
    original: b64(result.originals[i]!),
    variants: result.variants
      .filter((v) => v.sourceIndex === i)
      .map((v) => ({
        epoch: v.epoch,
        pixels: b64(v.pixels),
        label: v.label,
        params: v.params,
        ...(v.height !== height || v.width !== width ? { height: v.height, width: v.width } : {})
      }))
  }))
  return { input: ds.input, ms: performance.now() - started, images }
}

export function createAugmentHandlers(
  session: DatasetSession
): Pick<Handlers, 'augment.preview' | 'augment.trainingBatch'> {
  return {
    'augment.preview': async ({ spec, seed, epoch, variants, indexes, count, pickSeed }) => {
      const ds = openDataset(session)
      const chosen = indexes ?? pickPreviewImages(ds, count, pickSeed)
      return augmentedImages(ds, chosen, { spec, seed, epoch, variants })
    },
    // The same split limit, order and slicing as the trainer, so the batch is the one training steps on.
    'augment.trainingBatch': async ({ spec, seed, epoch, batch, batchSize, trainLimit }) => {
      const ds = openDataset(session)
      const train = limitTrainSplit(ds, trainLimit, seed).splits.train
      if (train.length === 0)
        throw new WorkbenchError(
          'bad-input',
          'The training split is empty, so training has no batches; give the dataset some training images.'
        )
      const size = Math.min(batchSize, train.length)
      const batchesPerEpoch = Math.ceil(train.length / size)
      if (batch >= batchesPerEpoch)
        throw new WorkbenchError(
          'bad-input',
          `An epoch has ${batchesPerEpoch} batch${batchesPerEpoch === 1 ? '' : 'es'} of ${size} images; choose a batch from 1 to ${batchesPerEpoch}.`
        )
      const order = epochOrder(train, seed, epoch)
      const indexes = Array.from(order.subarray(batch * size, Math.min(train.length, (batch + 1) * size)))
      const shown = await augmentedImages(ds, indexes, { spec, seed, epoch, variants: 1 })
      return { ...shown, batchesPerEpoch }
    }
  }
}
