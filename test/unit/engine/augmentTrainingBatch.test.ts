import * as tf from '@tensorflow/tfjs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { augmentBatch } from '../../../src/main/engine/augment/augmentBatch'
import { batchToPixels } from '../../../src/main/engine/augment/pixelBatch'
import type { OpenedDataset } from '../../../src/main/engine/dataset/openDataset'
import { openDataset } from '../../../src/main/engine/dataset/openDataset'
import { createEngineHandlers } from '../../../src/main/engine/engineHandlers'
import { batchImages, epochOrder, limitTrainSplit } from '../../../src/main/engine/training/trainingData'
import type { AugmentSpec } from '../../../src/shared/augment'
import { createClient } from '../../../src/shared/client'
import { createDispatcher } from '../../../src/shared/dispatch'

let dir: string
let client: ReturnType<typeof createClient>
/** The same folder opened directly, as the trainer would be handed it. */
let data: OpenedDataset

const spec: AugmentSpec = {
  ops: [
    { type: 'rotate', degrees: [-40, 40] },
    { type: 'saltPepper', amount: 0.1 }
  ]
}
const decode = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'))

async function noiseImage(file: string, seed: number): Promise<void> {
  const px = Buffer.alloc(12 * 12)
  for (let i = 0; i < px.length; i++) px[i] = (i * 37 + seed * 91) % 256
  await mkdir(path.dirname(file), { recursive: true })
  await sharp(px, { raw: { width: 12, height: 12, channels: 1 } })
    .png()
    .toFile(file)
}

/** What the trainer's own functions make of batch `batch` of epoch `epoch`: its indexes and augmented pixels. */
function trainerBatch(seed: number, epoch: number, batch: number, batchSize: number, trainLimit?: number) {
  const train = limitTrainSplit(data, trainLimit, seed).splits.train
  const order = epochOrder(train, seed, epoch)
  const indexes = order.subarray(batch * batchSize, Math.min(train.length, (batch + 1) * batchSize))
  const pixels = tf.tidy(() =>
    batchToPixels(
      augmentBatch(
        batchImages(data, indexes),
        Array.from(indexes, (index) => ({ index })),
        spec,
        { seed, epoch }
      )
    )
  )
  return { train, indexes: Array.from(indexes), pixels }
}

beforeAll(async () => {
  await tf.setBackend('cpu')
  dir = await mkdtemp(path.join(os.tmpdir(), 'aug-batch-'))
  for (const cls of ['a', 'b', 'c'])
    for (let i = 0; i < 8; i++) await noiseImage(path.join(dir, 'ds', cls, `${i}.png`), i + cls.charCodeAt(0))
  const dispatch = createDispatcher(
    createEngineHandlers({ dataRoot: dir, cacheDir: path.join(dir, 'cache') }, () => {})
  )
  client = createClient({ invoke: dispatch, subscribe: () => () => {} })
  const source = { kind: 'folder', path: path.join(dir, 'ds') } as const
  await client.call('dataset.open', { source, options: { channels: 1 } })
  data = await openDataset(source, { channels: 1 }, { cacheDir: path.join(dir, 'cache') })
})

afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('the training batch route', () => {
  const ask = (epoch: number, batch: number, batchSize = 5, trainLimit?: number) =>
    client.call('augment.trainingBatch', { spec, seed: 7, epoch, batch, batchSize, trainLimit })

  it('shows the very images, in the very order and augmented to the byte, that training steps on', async () => {
    for (const [epoch, batch, limit] of [
      [0, 0, undefined],
      [2, 1, undefined],
      [1, 1, 12]
    ] as const) {
      const r = await ask(epoch, batch, 5, limit)
      const expected = trainerBatch(7, epoch, batch, 5, limit)
      expect(r.batchesPerEpoch).toBe(Math.ceil(expected.train.length / 5))
      expect(r.images.map((im) => im.index)).toEqual(expected.indexes)
      expect(r.images).toHaveLength(5)
      r.images.forEach((im, i) => {
        expect(im.variants).toHaveLength(1)
        expect(im.variants[0]!.epoch).toBe(epoch)
        expect(im.label).toBe(data.labels[im.index])
        expect(decode(im.variants[0]!.pixels)).toEqual(expected.pixels[i])
      })
      // Byte equality means something only if the pipeline changed the images.
      expect(r.images.every((im) => im.variants[0]!.pixels === im.original)).toBe(false)
    }
  })

  it('gives the last batch the images that are left and says how many batches there are', async () => {
    const train = limitTrainSplit(data, 12, 7).splits.train
    const r = await ask(0, 2, 5, 12)
    expect(r.batchesPerEpoch).toBe(3)
    expect(r.images).toHaveLength(train.length - 10)
    await expect(ask(0, 3, 5, 12)).rejects.toThrow(/3 batches of 5 images; choose a batch from 1 to 3/)
  })

  it('draws the same bytes for the same request and another batch the next epoch', async () => {
    const [a, b, next] = await Promise.all([ask(3, 0), ask(3, 0), ask(4, 0)])
    expect(b.images).toEqual(a.images)
    const bytes = (r: typeof a) => r.images.map((im) => [im.index, im.variants[0]!.pixels])
    expect(bytes(next)).not.toEqual(bytes(a))
    expect(next.images.map((im) => im.index)).not.toEqual(a.images.map((im) => im.index))
  })
})
