import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { imagePixels, openDataset, originalImagePng } from '../../../src/main/engine/dataset/openDataset'
import { readMnistIdx } from '../../../src/main/engine/dataset/mnistIdxFiles'
import { makeTempDir, removeDir } from './imageFixtures'

let cacheDir: string
beforeAll(async () => {
  cacheDir = await makeTempDir('cnn-workbench-cache-')
})
afterAll(async () => {
  await removeDir(cacheDir)
})

describe('MNIST sample', () => {
  it('keeps MNIST’s own split: 10,000 test digits, val carved from the 60,000 training digits', async () => {
    const ds = await openDataset({ kind: 'mnist' }, {}, { cacheDir })

    expect(ds.root).toBeNull()
    expect(ds.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(ds.input).toEqual({ height: 28, width: 28, channels: 1 })
    expect(ds.pixels.length).toBe(70_000 * 784)
    expect(ds.report.total).toBe(70_000)
    expect(ds.report.splitSource).toBe('folders')
    expect(ds.splits.test.length).toBe(10_000)
    expect(ds.splits.train.length + ds.splits.val.length).toBe(60_000)
    expect(ds.splits.val.length).toBeGreaterThan(5_900)
    expect(ds.splits.val.length).toBeLessThan(6_100)
    expect(Array.from(ds.splits.test).every((i) => i >= 60_000)).toBe(true)
    expect(Array.from(ds.splits.val).every((i) => i < 60_000)).toBe(true)
    for (const c of ds.report.classes) {
      const share = c.splits.val / (c.splits.train + c.splits.val)
      expect(share).toBeGreaterThan(0.09)
      expect(share).toBeLessThan(0.11)
    }
    expect(ds.report.sizes).toEqual([{ width: 28, height: 28, count: 70_000 }])

    const raw = await readMnistIdx()
    expect(ds.labels[0]).toBe(raw.train.labels[0])
    expect(ds.labels[60_000]).toBe(raw.test.labels[0])
    expect(imagePixels(ds, 60_000)).toEqual(raw.test.images.pixels.subarray(0, 784))
    expect(ds.items[60_000]).toMatchObject({ split: 'test', path: 't10k/0', width: 28, height: 28 })

    const png = await sharp(await originalImagePng(ds, 0)).metadata()
    expect([png.width, png.height]).toEqual([28, 28])

    const same = await openDataset({ kind: 'mnist' }, {}, { cacheDir })
    expect(same.splits.val).toEqual(ds.splits.val)
  })

  it('replicates the grey channel exactly when three channels are asked for', async () => {
    const ds = await openDataset({ kind: 'mnist' }, { channels: 3 }, { cacheDir })
    const raw = await readMnistIdx()
    const colour = imagePixels(ds, 1)
    const grey = raw.train.images.pixels.subarray(784, 2 * 784)
    expect(colour.length).toBe(784 * 3)
    for (let i = 0; i < 784; i++) {
      expect([colour[i * 3], colour[i * 3 + 1], colour[i * 3 + 2]]).toEqual([grey[i], grey[i], grey[i]])
    }
  })
})
