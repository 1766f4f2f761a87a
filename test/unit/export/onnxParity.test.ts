import * as tf from '@tensorflow/tfjs'
import * as ort from 'onnxruntime-node'
import { beforeAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { buildOnnxModel, ONNX_INPUT, ONNX_OUTPUT } from '../../../src/main/engine/export/onnxExport'
import { buildModel } from '../../../src/main/engine/network/buildModel'
import { outputKind, toProbabilities } from '../../../src/main/engine/training/classificationLoss'
import { buildTemplate, type NetworkSpec } from '../../../src/shared/network'
import { everyKindSpec, randomImages, setSeededWeights } from './exportFixtures'

const IMAGES = 100

beforeAll(async () => {
  // wasm's own kernels, so onnxruntime is compared with a computation that does not use it; far quicker
  // than 'cpu' for the templates' convolutions.
  await selectBackend({ force: 'wasm' })
})

interface Parity {
  maxAbsDiff: number
  top1Agreement: number
  probabilitySums: number[]
  /** How many different classes win somewhere: a network that always says the same is no test. */
  distinctTop1: number
  /** The largest change of one class's probability between images: parity on constant outputs proves little. */
  spread: number
}

async function parity(spec: NetworkSpec, seed: number, gain: number): Promise<Parity> {
  const model = buildModel(spec)
  try {
    setSeededWeights(model, seed, gain)
    const { height, width, channels } = spec.input
    const pixels = randomImages(IMAGES, spec.input, seed + 1)
    const expected = tf.tidy(() => {
      const output = model.predict(tf.tensor4d(pixels, [IMAGES, height, width, channels])) as tf.Tensor2D
      return toProbabilities(output, outputKind(spec)).dataSync().slice()
    })
    const session = await ort.InferenceSession.create(buildOnnxModel(spec, model))
    const result = await session.run({
      [ONNX_INPUT]: new ort.Tensor('float32', pixels, [IMAGES, height, width, channels])
    })
    await session.release()
    const out = result[ONNX_OUTPUT]
    expect(out?.dims).toEqual([IMAGES, expected.length / IMAGES])
    const actual = out?.data as Float32Array
    const classes = expected.length / IMAGES
    let maxAbsDiff = 0
    let agree = 0
    const winners = new Set<number>()
    const low = new Array<number>(classes).fill(1)
    const high = new Array<number>(classes).fill(0)
    const probabilitySums: number[] = []
    for (let i = 0; i < IMAGES; i++) {
      const row = (a: ArrayLike<number>) =>
        Array.from({ length: classes }, (_, c) => a[i * classes + c] ?? NaN)
      const e = row(expected)
      const a = row(actual)
      e.forEach((v, c) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - (a[c] ?? NaN)))))
      if (e.indexOf(Math.max(...e)) === a.indexOf(Math.max(...a))) agree++
      winners.add(e.indexOf(Math.max(...e)))
      e.forEach((v, c) => {
        low[c] = Math.min(low[c] ?? 1, v)
        high[c] = Math.max(high[c] ?? 0, v)
      })
      probabilitySums.push(a.reduce((s, v) => s + v, 0))
    }
    return {
      maxAbsDiff,
      top1Agreement: agree / IMAGES,
      probabilitySums,
      distinctTop1: winners.size,
      spread: Math.max(...high.map((h, c) => h - (low[c] ?? 0)))
    }
  } finally {
    model.dispose()
  }
}

describe('ONNX export matches the tfjs model in onnxruntime', () => {
  const cases: [string, NetworkSpec, number][] = [
    ['every layer kind, ending in Flatten', everyKindSpec('flatten'), 4],
    ['every layer kind, ending in GlobalAveragePool', everyKindSpec('globalAveragePool'), 4],
    [
      'the lecture template (28×28×1, 10 classes)',
      buildTemplate('lecture', { height: 28, width: 28, channels: 1 }, 10),
      1
    ],
    [
      'the vgg-small template (32×32×3, 4 classes)',
      buildTemplate('vgg-small', { height: 32, width: 32, channels: 3 }, 4),
      1
    ]
  ]
  cases.forEach(([title, spec, gain], i) => {
    it(`${title}: same top-1 on ${IMAGES} images, probabilities within 1e-4`, async () => {
      const result = await parity(spec, 100 + i, gain)
      console.log(
        `ONNX parity, ${title}: max |Δp| = ${result.maxAbsDiff.toExponential(2)}, top-1 agreement ${result.top1Agreement * 100}%, ${result.distinctTop1} winning classes, probabilities spread ${result.spread.toFixed(3)}`
      )
      expect(result.maxAbsDiff).toBeLessThan(1e-4)
      expect(result.top1Agreement).toBe(1)
      expect(result.spread).toBeGreaterThan(0.05)
      for (const sum of result.probabilitySums) expect(sum).toBeCloseTo(1, 5)
    })
  })
})
