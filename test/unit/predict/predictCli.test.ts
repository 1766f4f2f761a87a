import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runExport } from '../../../src/main/cli/commands/export'
import { runPredict } from '../../../src/main/cli/commands/predict'
import { trainingBackend } from '../../../src/main/engine/training/trainingBackend'
import { buildTemplate } from '../../../src/shared/network'
import { tempDir, writeTestRun } from '../export/exportFixtures'

const CLASSES = ['cat', 'dog', 'bird']
let dir: string
let cleanup: () => Promise<void>
let runDir: string
let images: string[]

function capture() {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: {
      stdout: (s: string) => void (out.stdout += s),
      stderr: (s: string) => void (out.stderr += s),
      interactive: false
    }
  }
}

interface JsonOutput {
  predictions: {
    image: string
    top?: { class: string; index: number; probability: number }[]
    error?: string
  }[]
}

beforeAll(async () => {
  await trainingBackend('wasm')
  ;({ dir, cleanup } = await tempDir('cw-predict-'))
  runDir = path.join(dir, 'run')
  const spec = buildTemplate('tiny', { height: 16, width: 16, channels: 3 }, CLASSES.length)
  ;(await writeTestRun(runDir, spec, CLASSES, 3)).dispose()
  // A red disc on white and a blue bar on black, at sizes other than the 16×16 input.
  const disc = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="white"/><circle cx="20" cy="15" r="12" fill="red"/></svg>`
  const bar = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="48"><rect width="24" height="48" fill="black"/><rect x="8" y="4" width="8" height="40" fill="#2040ff"/></svg>`
  images = [path.join(dir, 'a.png'), path.join(dir, 'b.png')]
  await writeFile(images[0]!, await sharp(Buffer.from(disc)).png().toBuffer())
  await writeFile(images[1]!, await sharp(Buffer.from(bar)).png().toBuffer())
  await writeFile(path.join(dir, 'broken.png'), Buffer.from('this is not a picture'))
})

afterAll(async () => {
  await cleanup()
})

async function predictJson(
  modelDir: string,
  files: string[]
): Promise<{ code: number; json: JsonOutput; stderr: string }> {
  const { out, io } = capture()
  const code = await runPredict([modelDir, ...files, '--top-k', '3', '--json'], io)
  return { code, json: JSON.parse(out.stdout) as JsonOutput, stderr: out.stderr }
}

describe('cnn-workbench predict', () => {
  it('prints one JSON document with the images in the order given and probabilities that sum to 1', async () => {
    const forward = await predictJson(runDir, images)
    expect(forward.code).toBe(0)
    expect(forward.json.predictions.map((p) => p.image)).toEqual(images)
    for (const p of forward.json.predictions) {
      expect(p.top).toHaveLength(3)
      const top = p.top ?? []
      expect(top.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 5)
      expect(top.map((t) => t.probability)).toEqual([...top.map((t) => t.probability)].sort((a, b) => b - a))
      for (const t of top) expect(t.class).toBe(CLASSES[t.index])
    }
    expect(forward.json.predictions[0]?.top).not.toEqual(forward.json.predictions[1]?.top)

    const backward = await predictJson(runDir, [...images].reverse())
    expect(backward.json.predictions).toEqual([...forward.json.predictions].reverse())
  })

  it('gives the same answers from a TF.js export folder as from the run folder', async () => {
    const exportDir = path.join(dir, 'exported')
    const { out, io } = capture()
    expect(await runExport([runDir, '--format', 'tfjs', '--out', exportDir], io)).toBe(0)
    expect(out.stdout).toMatch(/weights\.bin\s+[\d.]+ (B|KB)/)
    const fromRun = await predictJson(runDir, images)
    const fromExport = await predictJson(exportDir, images)
    expect(fromExport.json).toEqual(fromRun.json)
  })

  it('reports an unreadable image in its place and still classifies the others', async () => {
    const files = [images[0]!, path.join(dir, 'broken.png'), images[1]!]
    const result = await predictJson(runDir, files)
    expect(result.code).toBe(1)
    expect(result.json.predictions.map((p) => p.image)).toEqual(files)
    expect(result.json.predictions[1]).toEqual({ image: files[1], error: 'not an image' })
    expect(result.json.predictions[0]?.top).toHaveLength(3)
    expect(result.json.predictions[2]?.top).toHaveLength(3)
    expect(result.stderr).toMatch(/1 of 3 images could not be read/)

    const { out, io } = capture()
    expect(await runPredict([runDir, files[1]!, path.join(dir, 'missing.png'), '--top-k', '1'], io)).toBe(1)
    expect(out.stderr).toContain('broken.png: not an image')
    expect(out.stderr).toContain('missing.png: could not be read (ENOENT)')
  })

  it('answers usage mistakes with exit code 2 and an unusable model folder with 1', async () => {
    const usage = capture()
    expect(await runPredict([runDir], usage.io)).toBe(2)
    expect(usage.out.stderr).toMatch(/give a model folder and at least one image/)
    expect(await runPredict([runDir, images[0]!, '--top-k', '0'], capture().io)).toBe(2)
    const missing = capture()
    expect(await runPredict([path.join(dir, 'nowhere'), images[0]!], missing.io)).toBe(1)
    expect(missing.out.stderr).toMatch(/neither a training run folder .* nor a TF\.js export/)
    const text = capture()
    expect(await runPredict([runDir, images[0]!, '--top-k', '2'], text.io)).toBe(0)
    expect(text.out.stdout).toMatch(/^.*a\.png: (cat|dog|bird) \d\.\d{4}, (cat|dog|bird) \d\.\d{4}\n$/)
  })
})
