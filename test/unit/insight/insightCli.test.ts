import { readdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/main'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from '../export/exportFixtures'

const CLASSES = ['cat', 'dog', 'bird']
let dir: string
let cleanup: () => Promise<void>
let runDir: string
let image: string

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' }
  const code = await runCli(args, {
    stdout: (s) => void (out.stdout += s),
    stderr: (s) => void (out.stderr += s),
    interactive: false
  })
  return { code, ...out }
}

interface ActivationsJson {
  layers: {
    layer: number
    kind: string
    shape: number[]
    min: number
    max: number
    channels: { index: number; min: number; max: number; mean: number }[]
  }[]
  classes: string[]
  probabilities: number[]
  predicted: { class: string; index: number; probability: number }
}

interface SaliencyJson {
  class: string
  index: number
  probability: number
  method: string
  layer: number | null
  map: { shape: [number, number]; values: number[][] }
}

beforeAll(async () => {
  await trainingBackend('wasm')
  ;({ dir, cleanup } = await tempDir('cw-insight-cli-'))
  runDir = path.join(dir, 'run')
  const spec = buildTemplate('tiny', { height: 16, width: 16, channels: 3 }, CLASSES.length)
  ;(await writeTestRun(runDir, spec, CLASSES, 3)).dispose()
  const disc = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="white"/><circle cx="28" cy="10" r="8" fill="red"/></svg>`
  image = path.join(dir, 'disc.png')
  await sharp(Buffer.from(disc)).png().toFile(image)
})

afterAll(async () => {
  await cleanup()
})

describe('cnn-workbench activations', () => {
  it('prints every layer with its shape and per-channel ranges as one JSON document', async () => {
    const { code, stdout } = await cli('activations', runDir, image, '--json')
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as ActivationsJson
    expect(json.layers.map((l) => [l.layer, l.kind, l.shape])).toEqual([
      [0, 'conv2d', [16, 16, 8]],
      [1, 'maxPool2d', [8, 8, 8]],
      [2, 'flatten', [512]],
      [3, 'dense', [3]]
    ])
    const conv = json.layers[0]!
    expect(conv.channels).toHaveLength(8)
    expect(conv.channels.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    for (const c of conv.channels) {
      expect(c.min).toBeLessThanOrEqual(c.mean)
      expect(c.mean).toBeLessThanOrEqual(c.max)
    }
    expect(conv.min).toBe(Math.min(...conv.channels.map((c) => c.min)))
    // ReLU maps are never negative; the dense layer's outputs are the probabilities.
    expect(conv.min).toBeGreaterThanOrEqual(0)
    expect(json.layers[3]!.channels.map((c) => c.mean)).toEqual(json.probabilities)
    expect(json.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)

    // The same class and probability as `predict` gives for the image.
    const predicted = await cli('predict', runDir, image, '--json', '--top-k', '1')
    const top = (
      JSON.parse(predicted.stdout) as { predictions: { top: { class: string; probability: number }[] }[] }
    ).predictions[0]!.top[0]!
    expect(json.predicted.class).toBe(top.class)
    expect(json.predicted.probability).toBeCloseTo(top.probability, 5)
  })

  it('gives one layer with --layer and writes a PNG grid per layer with --out', async () => {
    const one = JSON.parse(
      (await cli('activations', runDir, image, '--layer', '1', '--json')).stdout
    ) as ActivationsJson
    expect(one.layers.map((l) => l.layer)).toEqual([1])
    const out = path.join(dir, 'maps')
    const { code, stdout } = await cli('activations', runDir, image, '--out', out)
    expect(code).toBe(0)
    expect(stdout).toContain('layer 0 conv2d 16×16×8')
    expect((await readdir(out)).sort()).toEqual([
      'layer-0-conv2d.png',
      'layer-1-maxPool2d.png',
      'layer-2-flatten.png',
      'layer-3-dense.png'
    ])
    // 8 maps of 16×16, each scaled to 32×32, in a 3×3 grid with 2-pixel gaps.
    const grid = await sharp(path.join(out, 'layer-0-conv2d.png')).metadata()
    expect([grid.width, grid.height]).toEqual([3 * 32 + 2 * 2, 3 * 32 + 2 * 2])
  })

  it('refuses a layer the network does not have, and a missing image, in a sentence', async () => {
    const wrong = await cli('activations', runDir, image, '--layer', '9')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain("There is no layer 9: this network's layers are numbered 0 to 3.")
    const missing = await cli('activations', runDir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('give a model')
  })
})

describe('cnn-workbench saliency', () => {
  it('prints Grad-CAM of the predicted class at the last conv layer, at its resolution', async () => {
    const { code, stdout } = await cli('saliency', runDir, image, '--json')
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as SaliencyJson
    expect(Object.keys(json)).toEqual(['class', 'index', 'probability', 'method', 'layer', 'map'])
    expect(json.method).toBe('gradcam')
    expect(json.layer).toBe(0)
    expect(json.map.shape).toEqual([16, 16])
    expect(json.map.values).toHaveLength(16)
    expect(json.map.values.every((row) => row.length === 16 && row.every((v) => v >= 0))).toBe(true)
    const activations = JSON.parse(
      (await cli('activations', runDir, image, '--json')).stdout
    ) as ActivationsJson
    expect(json.class).toBe(activations.predicted.class)
    expect(json.index).toBe(activations.predicted.index)
  })

  it('takes a class by name, a layer, and the gradient method, and writes an overlay', async () => {
    const bird = JSON.parse(
      (await cli('saliency', runDir, image, '--class', 'bird', '--layer', '1', '--json')).stdout
    ) as SaliencyJson
    expect([bird.class, bird.index, bird.layer]).toEqual(['bird', 2, 1])
    expect(bird.map.shape).toEqual([8, 8])
    const gradient = JSON.parse(
      (await cli('saliency', runDir, image, '--method', 'gradient', '--json')).stdout
    ) as SaliencyJson
    expect(gradient.layer).toBeNull()
    expect(gradient.map.shape).toEqual([16, 16])
    expect(gradient.map.values.flat().some((v) => v > 0)).toBe(true)
    const png = path.join(dir, 'cam.png')
    const written = await cli('saliency', runDir, image, '--out', png)
    expect(written.code).toBe(0)
    expect(written.stdout).toContain('Grad-CAM at layer 0')
    const meta = await sharp(png).metadata()
    expect([meta.width, meta.height]).toEqual([224, 224])
  })

  it('refuses an unknown class, a layer without maps and --layer with gradient', async () => {
    const unknown = await cli('saliency', runDir, image, '--class', 'fish')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('the model has no class "fish"; its classes are cat, dog, bird')
    const flat = await cli('saliency', runDir, image, '--layer', '2')
    expect(flat.code).toBe(1)
    expect(flat.stderr).toContain('layer 2 is flatten')
    const both = await cli('saliency', runDir, image, '--method', 'gradient', '--layer', '0')
    expect(both.code).toBe(2)
  })
})
