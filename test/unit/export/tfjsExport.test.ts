import * as tf from '@tensorflow/tfjs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pixelsToBatch } from '../../../src/main/engine/augment/pixelBatch'
import { decodeImageInto } from '../../../src/main/engine/dataset/decodeImage'
import { describeExport, exportRun } from '../../../src/main/engine/export/exportRun'
import { loadPredictor } from '../../../src/main/engine/predict/loadPredictor'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { MODEL_EXPORT_FORMATS, PreprocessingManifest } from '../../../src/shared/export'
import { withClassCount } from '../../../src/shared/network'
import { everyKindSpec, seeded, tempDir, writeTestRun } from './exportFixtures'

const CLASSES = ['circle', 'square', 'triangle', 'star', 'ring']
let dir: string
let cleanup: () => Promise<void>
let runDir: string
let appModel: tf.Sequential
const images: string[] = []

beforeAll(async () => {
  await trainingBackend('wasm')
  ;({ dir, cleanup } = await tempDir())
  runDir = path.join(dir, 'run')
  appModel = await writeTestRun(runDir, everyKindSpec('flatten'), CLASSES, 11)
  // Photos of other sizes and aspect ratios than the 13×13 input, some with alpha, so resizing matters.
  const random = seeded(5)
  for (let i = 0; i < 6; i++) {
    const width = 20 + i * 7
    const height = 15 + ((i * 11) % 30)
    const channels = i % 2 === 0 ? 3 : 4
    const raw = Buffer.from(
      Array.from({ length: width * height * channels }, () => Math.floor(random() * 256))
    )
    const file = path.join(dir, `photo-${i}.png`)
    await writeFile(file, await sharp(raw, { raw: { width, height, channels } }).png().toBuffer())
    images.push(file)
  }
})

afterAll(async () => {
  appModel.dispose()
  await cleanup()
})

/** What the app computes: the dataset decoder, the training batch conversion, the model in memory. */
async function appProbabilities(files: string[]): Promise<Float32Array> {
  const input = { height: 13, width: 13, channels: 3 as const }
  const decoded: Uint8Array[] = []
  for (const file of files) {
    const pixels = new Uint8Array(13 * 13 * 3)
    const result = await decodeImageInto(file, pixels, { input, resize: 'stretch', pixelLimit: 1e8 })
    expect(result.ok).toBe(true)
    decoded.push(pixels)
  }
  return tf.tidy(
    () => (appModel.predict(pixelsToBatch(decoded, input)) as tf.Tensor).dataSync() as Float32Array
  )
}

describe('TF.js export', () => {
  it('writes model.json, weights.bin and preprocessing.json that reproduce the app’s predictions', async () => {
    const out = path.join(dir, 'exports', 'tfjs')
    const result = await exportRun(runDir, 'tfjs', out)
    expect(result.files.map((f) => path.basename(f.path)).sort()).toEqual([
      'model.json',
      'preprocessing.json',
      'weights.bin'
    ])
    for (const file of result.files) expect((await readFile(file.path)).length).toBe(file.bytes)
    expect(await readdir(path.dirname(out))).toEqual(['tfjs'])

    const manifest = PreprocessingManifest.parse(
      JSON.parse(await readFile(path.join(out, 'preprocessing.json'), 'utf8'))
    )
    expect(manifest).toEqual({
      input: { height: 13, width: 13, channels: 3 },
      resize: 'stretch',
      normalization: 'x/255',
      classes: CLASSES,
      output: 'probabilities',
      // The app's own network spec, so it can load the export again and train it further.
      network: withClassCount(everyKindSpec('flatten'), CLASSES.length)
    })

    // Loaded the way a web page would: tf.loadLayersModel over the two files.
    const modelJson = JSON.parse(await readFile(path.join(out, 'model.json'), 'utf8'))
    const bin = await readFile(path.join(out, 'weights.bin'))
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength)
      })
    )
    const decoded: Uint8Array[] = []
    for (const file of images) {
      // The manifest's recipe, spelled out with sharp: stretch to width×height, alpha onto black, sRGB, x/255.
      const raw = await sharp(file)
        .resize(manifest.input.width, manifest.input.height, { fit: 'fill' })
        .flatten()
        .toColourspace('srgb')
        .raw()
        .toBuffer()
      decoded.push(new Uint8Array(raw))
    }
    const exported = tf.tidy(
      () => (loaded.predict(pixelsToBatch(decoded, manifest.input)) as tf.Tensor).dataSync() as Float32Array
    )
    loaded.dispose()
    expect(Array.from(exported)).toEqual(Array.from(await appProbabilities(images)))
  })

  it('loadPredictor gives the same top classes from the export folder and from the run folder', async () => {
    const out = path.join(dir, 'exports', 'tfjs')
    const fromExport = await loadPredictor(out)
    const fromRun = await loadPredictor(runDir)
    const a = await fromExport.predict(images, 5)
    const b = await fromRun.predict(await Promise.all(images.map((f) => readFile(f))), 5)
    fromExport.dispose()
    fromRun.dispose()
    expect(a).toEqual(b)
    const app = await appProbabilities(images)
    a.forEach((prediction, i) => {
      const row = Array.from(app.subarray(i * 5, i * 5 + 5))
      expect(prediction.top[0]?.index).toBe(row.indexOf(Math.max(...row)))
      expect(prediction.top[0]?.class).toBe(CLASSES[prediction.top[0]?.index ?? -1])
      expect(prediction.top[0]?.probability).toBeCloseTo(Math.max(...row), 6)
    })
  })

  it('describeExport lists what each format writes, with weights.bin exact and the rest close', async () => {
    for (const format of MODEL_EXPORT_FORMATS) {
      const description = await describeExport(runDir, format)
      const result = await exportRun(runDir, format, path.join(dir, 'exports', format))
      const written = new Map(result.files.map((f) => [path.basename(f.path), f.bytes]))
      expect(description.files.map((f) => f.name).sort()).toEqual([...written.keys()].sort())
      for (const file of description.files) {
        const actual = written.get(file.name) ?? -1
        if (file.approximate) {
          expect([format, file.name, actual / file.bytes > 0.5 && actual / file.bytes < 2]).toEqual([
            format,
            file.name,
            true
          ])
        } else expect([format, file.name, file.bytes]).toEqual([format, file.name, actual])
      }
    }
    // Nothing but the exports themselves is left next to them.
    expect((await readdir(path.join(dir, 'exports'))).sort()).toEqual([...MODEL_EXPORT_FORMATS].sort())
  })
})
