import { readdir, utimes, writeFile, readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ImportReport } from '../../../src/shared/datasetSchemas'
import {
  DatasetError,
  formatImportReport,
  imagePixels,
  openDataset,
  originalImagePng
} from '../../../src/main/engine/dataset/openDataset'
import { makeTempDir, removeDir, solid, writeClassFolders, writeImage, writeText } from './imageFixtures'

let root: string
let cacheDir: string
beforeEach(async () => {
  root = await makeTempDir()
  cacheDir = await makeTempDir('cnn-workbench-cache-')
})
afterEach(async () => {
  await removeDir(root)
  await removeDir(cacheDir)
})

const open = (options = {}) => openDataset({ kind: 'folder', path: root }, options, { cacheDir })

describe('openDataset on a folder', () => {
  it('imports usable images, skips bad ones with reasons and leaves empty classes out', async () => {
    await writeClassFolders(root, { cat: 5, dog: 4 }, 6)
    await writeText(path.join(root, 'cat', 'broken.png'), 'not a picture')
    await writeText(path.join(root, 'dog', 'empty.jpg'), '')
    await writeText(path.join(root, 'fish', 'only-bad.png'), '')

    const ds = await open()

    expect(ImportReport.parse(ds.report)).toEqual(ds.report)
    expect(ds.classNames).toEqual(['cat', 'dog'])
    expect(ds.report.total).toBe(9)
    expect(ds.report.skipped).toEqual([
      { path: 'cat/broken.png', reason: 'not an image' },
      { path: 'dog/empty.jpg', reason: 'empty file' },
      { path: 'fish/only-bad.png', reason: 'empty file' }
    ])
    expect(ds.report.warnings).toContain('The class folder "fish" has no usable images and was left out.')
    expect(ds.input).toEqual({ height: 6, width: 6, channels: 1 })
    expect(ds.pixels).toBeInstanceOf(Uint8Array)
    expect(ds.pixels.length).toBe(9 * 6 * 6)
    expect(Array.from(ds.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1])
    expect(ds.items[5]).toMatchObject({
      index: 5,
      label: 1,
      path: 'dog/img-000.png',
      width: 6,
      height: 6,
      format: 'png'
    })
    expect(ds.report.classes.map((c) => [c.name, c.count])).toEqual([
      ['cat', 5],
      ['dog', 4]
    ])
    // The first cat image is a uniform grey of a known shade (see writeClassFolders).
    expect(new Set(imagePixels(ds, 0))).toEqual(new Set([47]))
    expect(imagePixels(ds, 1).buffer).toBe(ds.pixels.buffer)

    const text = formatImportReport(ds.report)
    expect(text).toContain('cat/broken.png: not an image')
    expect(text).toContain('fish')
    expect(text).toMatch(/Input: 6×6×1/)
    expect(text).toMatch(/cat\s+5\s+\d+\s+\d+\s+\d+/)
  })

  it('refuses a folder with fewer than two usable classes, saying what to do', async () => {
    await writeClassFolders(root, { only: 3 })
    await writeText(path.join(root, 'other', 'bad.png'), 'x')
    await expect(open()).rejects.toThrow(DatasetError)
    await expect(open()).rejects.toThrow(
      /only one class with usable images \("only"\).*at least two class folders/
    )
  })

  it('warns about imbalanced classes', async () => {
    await writeClassFolders(root, { many: 10, few: 3 }, 4)
    const ds = await open()
    expect(ds.report.warnings.some((w) => /imbalanced.*"many" has 10.*"few" only 3/.test(w))).toBe(true)
  })

  it('chooses the input format from the data: most common size, at most 64 a side, colour or grey', async () => {
    await writeImage(path.join(root, 'a', '1.png'), solid(200, 100, [10, 200, 30]))
    await writeImage(path.join(root, 'a', '2.png'), solid(200, 100, [10, 200, 30]))
    await writeImage(path.join(root, 'b', '3.png'), solid(50, 50, [90, 90, 90]))
    const ds = await open()
    expect(ds.input).toEqual({ height: 32, width: 64, channels: 3 })
    expect(ds.report.sizes).toEqual([
      { width: 200, height: 100, count: 2 },
      { width: 50, height: 50, count: 1 }
    ])
    const chosen = await open({ size: 16, channels: 1, resize: 'letterbox' })
    expect(chosen.input).toEqual({ height: 16, width: 16, channels: 1 })
    expect(chosen.report.resize).toBe('letterbox')
  })

  it('counts the original sizes it does not list, so every image is accounted for', async () => {
    // Ten sizes of several images each, and one odd 1200×8 banner: eleven sizes in all.
    for (let k = 0; k < 10; k++)
      for (let i = 0; i < 3 + k; i++)
        await writeImage(path.join(root, k % 2 ? 'a' : 'b', `${k}-${i}.png`), solid(10 + k, 10, [k, k, k]))
    await writeImage(path.join(root, 'a', 'banner.png'), solid(1200, 8, [9, 9, 9]))
    const { report } = await open()
    expect(report.sizes).toHaveLength(10)
    expect(report.sizes.some((s) => s.width === 1200)).toBe(false)
    expect(report.otherSizes).toEqual({ distinct: 1, count: 1 })
    expect(report.sizes.reduce((n, s) => n + s.count, 0) + report.otherSizes!.count).toBe(report.total)
    expect(formatImportReport(report)).toContain('10×10 (3), +1 more size (1 image)')
  })

  it('keeps a train/val/test folder split', async () => {
    await writeClassFolders(path.join(root, 'train'), { a: 3, b: 3 }, 4)
    await writeClassFolders(path.join(root, 'val'), { a: 1, b: 1 }, 4)
    await writeClassFolders(path.join(root, 'test'), { a: 2, b: 2 }, 4)
    const ds = await open()
    expect(ds.report.splitSource).toBe('folders')
    expect(ds.report.classes.map((c) => c.splits)).toEqual([
      { train: 3, val: 1, test: 2 },
      { train: 3, val: 1, test: 2 }
    ])
    for (const i of ds.splits.test) expect(ds.items[i]?.path.startsWith('test/')).toBe(true)
  })

  it('splits by seed: the same seed gives the same split, every class in every split', async () => {
    await writeClassFolders(root, { a: 12, b: 9, c: 3 }, 4)
    const first = await open({ seed: 7 })
    const again = await open({ seed: 7 })
    const other = await open({ seed: 8 })
    expect(again.splits).toEqual(first.splits)
    expect(other.splits).not.toEqual(first.splits)
    for (const c of first.report.classes) {
      expect(c.splits.train).toBeGreaterThan(0)
      expect(c.splits.val).toBeGreaterThan(0)
      expect(c.splits.test).toBeGreaterThan(0)
    }
    expect(first.items.filter((item) => item.split === 'test').length).toBe(first.splits.test.length)
  })
})

describe('openDataset cache', () => {
  it('reopens from the cache with the same pixels, and re-reads a changed folder', async () => {
    await writeClassFolders(root, { a: 4, b: 4 }, 5)
    const first = await open()
    expect(first.report.fromCache).toBe(false)
    const cached = await open()
    expect(cached.report.fromCache).toBe(true)
    expect(cached.pixels).toEqual(first.pixels)
    expect(cached.items).toEqual(first.items)
    expect(cached.splits).toEqual(first.splits)

    const touched = path.join(root, 'a', 'img-000.png')
    await utimes(touched, new Date(), new Date(Date.now() + 5000))
    expect((await open()).report.fromCache).toBe(false)
    expect((await open()).report.fromCache).toBe(true)

    await writeImage(path.join(root, 'b', 'new.png'), solid(5, 5, [1, 1, 1], true))
    const grown = await open()
    expect(grown.report.fromCache).toBe(false)
    expect(grown.report.total).toBe(9)
    // Only the newest version of a folder's cache is kept.
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.dataset'))).toHaveLength(1)
  })

  it('ignores a corrupt or truncated cache file and rebuilds it', async () => {
    await writeClassFolders(root, { a: 3, b: 3 }, 5)
    const first = await open()
    const [name] = await readdir(cacheDir)
    const file = path.join(cacheDir, name as string)
    const bytes = await readFile(file)

    await writeFile(file, bytes.subarray(0, bytes.length - 7))
    const afterTruncation = await open()
    expect(afterTruncation.report.fromCache).toBe(false)
    expect(afterTruncation.pixels).toEqual(first.pixels)

    const flipped = Buffer.from(bytes)
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0xff
    await writeFile(file, flipped)
    expect((await open()).report.fromCache).toBe(false)
    expect((await open()).report.fromCache).toBe(true)
  })

  it('stops promptly when cancelled and leaves no cache behind', async () => {
    await writeClassFolders(root, { a: 60, b: 60 }, 16)
    const controller = new AbortController()
    let abortedAt = 0
    const phases = new Set<string>()
    const opening = openDataset(
      { kind: 'folder', path: root },
      { size: 48, channels: 3 },
      {
        cacheDir,
        signal: controller.signal,
        onProgress: (p) => {
          phases.add(p.phase)
          if (p.phase === 'decode' && p.done > 0 && !abortedAt) {
            abortedAt = performance.now()
            controller.abort()
          }
        }
      }
    )
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' })
    expect(performance.now() - abortedAt).toBeLessThan(500)
    expect(phases).toEqual(new Set(['scan', 'cache', 'decode']))
    expect(await readdir(cacheDir)).toEqual([])
    expect((await open()).report.fromCache).toBe(false)
  })
})

describe('openDataset progress', () => {
  it('reports every phase, at most about 20 times a second, ending with done = total', async () => {
    await writeClassFolders(root, { a: 40, b: 40 }, 8)
    const reports: Array<{ phase: string; done: number; total: number; at: number }> = []
    const started = performance.now()
    await openDataset(
      { kind: 'folder', path: root },
      {},
      { cacheDir, onProgress: (p) => reports.push({ ...p, at: performance.now() }) }
    )
    const seconds = (performance.now() - started) / 1000
    const decode = reports.filter((r) => r.phase === 'decode')
    expect(decode.at(-1)).toMatchObject({ done: 80, total: 80 })
    // Start and end of each phase always pass; in between, one report per 50 ms at most.
    expect(reports.length).toBeLessThanOrEqual(8 + Math.ceil(seconds * 20))
    expect(new Set(reports.map((r) => r.phase))).toEqual(new Set(['scan', 'decode', 'cache']))
  })
})

describe('originalImagePng', () => {
  it('re-encodes the source file, oriented, within maxSide', async () => {
    await writeImage(path.join(root, 'a', 'big.jpg'), solid(120, 60, [200, 0, 0]))
    await writeImage(path.join(root, 'b', 'small.webp'), solid(10, 20, [0, 0, 200]))
    const ds = await open({ size: 8 })
    const png = await originalImagePng(ds, 0, 64)
    const meta = await sharp(png).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 64, 32])
    const small = await sharp(await originalImagePng(ds, 1)).metadata()
    expect([small.width, small.height]).toEqual([10, 20])
    await expect(originalImagePng(ds, 2)).rejects.toThrow(DatasetError)
  })
})
