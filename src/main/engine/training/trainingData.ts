import * as tf from '@tensorflow/tfjs'
import type { InputShape } from '../../../shared/datasetSchemas'
import { pixelsToBatch } from '../augment/pixelBatch'
import { mulberry32, shuffleInPlace } from '../dataset/seededRandom'
import { hashKey } from '../../../shared/augment'

/** What training reads of a dataset (an OpenedDataset fits; so does what a worker receives). */
export interface TrainingData {
  /** uint8 HWC images one after another. */
  pixels: Uint8Array
  labels: Int32Array
  splits: { train: Int32Array; val: Int32Array; test: Int32Array }
  classNames: string[]
  input: InputShape
}

/** The batch's images as float32 [n, h, w, c] in [0, 1]; the same conversion the augmentation preview uses. */
export function batchImages(data: TrainingData, indexes: ArrayLike<number>): tf.Tensor4D {
  const { height, width, channels } = data.input
  const size = height * width * channels
  const images: Uint8Array[] = []
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number
    images.push(data.pixels.subarray(index * size, (index + 1) * size))
  }
  return pixelsToBatch(images, data.input)
}

export function batchLabels(data: TrainingData, indexes: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: indexes.length }, (_, i) => data.labels[indexes[i] as number] as number)
}

/** The training split visited in an order that depends only on (seed, epoch), so a resumed run repeats it. */
export function epochOrder(train: Int32Array, seed: number, epoch: number): Int32Array {
  const order = Int32Array.from(train)
  shuffleInPlace(order, mulberry32(hashKey(seed, epoch, 0x7ea1)))
  return order
}

/** A seeded subset of at most `limit` training images (all of them when it is absent or larger). */
export function limitTrainSplit<T extends TrainingData>(data: T, limit: number | undefined, seed: number): T {
  if (limit === undefined || limit >= data.splits.train.length) return data
  const chosen = Int32Array.from(data.splits.train)
  shuffleInPlace(chosen, mulberry32(hashKey(seed, 0x11a17)))
  const train = chosen.slice(0, limit).sort()
  return { ...data, splits: { ...data.splits, train } }
}

export function checkTrainingData(data: TrainingData): void {
  const { height, width, channels } = data.input
  const expected = data.labels.length * height * width * channels
  if (data.pixels.length !== expected) {
    throw new Error(
      `The dataset's pixel buffer holds ${data.pixels.length} bytes but ${data.labels.length} images of ${height}×${width}×${channels} need ${expected}.`
    )
  }
  if (data.splits.train.length === 0) {
    throw new Error(
      'The training split is empty; give the dataset some training images (or a larger split fraction).'
    )
  }
}
