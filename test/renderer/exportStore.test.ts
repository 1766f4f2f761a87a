// @vitest-environment happy-dom
import { execFile } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import * as tf from '@tensorflow/tfjs'
import { createPinia, setActivePinia } from 'pinia'
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { createEngineHandlers } from '../../src/main/engine/engineHandlers'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { predictionBatches } from '../../src/renderer/src/domain/export/predictionBatches'
import { useExportStore } from '../../src/renderer/src/stores/exportStore'

let dir: string
let runsDir: string
let runId: string
const calls: string[] = []

async function png(shade: number): Promise<Buffer> {
  return sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: shade, g: 255 - shade, b: 90 } }
  })
    .png()
    .toBuffer()
}

const fileOf = (name: string, bytes: Buffer, type = 'image/png'): File =>
  new File([new Uint8Array(bytes)], name, { type })

beforeAll(async () => {
  // The DOM environment makes tfjs look for WebGL, which is not here; the engine computes on the CPU.
  await tf.setBackend('cpu')
  dir = await mkdtemp(path.join(os.tmpdir(), 'export-store-'))
  runsDir = path.join(dir, 'runs')
  for (const [c, name] of ['dark', 'light'].entries()) {
    await mkdir(path.join(dir, 'ds', name), { recursive: true })
    for (let i = 0; i < 8; i++)
      await writeFile(path.join(dir, 'ds', name, `${i}.png`), await png(40 + c * 160 + i))
  }
  // A real run, trained by the CLI in its own process; the app names a run's folder by its id.
  const scratch = path.join(runsDir, 'scratch')
  const args = ['--import', 'tsx', 'src/main/cli/main.ts', 'train', '--data', path.join(dir, 'ds')]
  await promisify(execFile)(process.execPath, [
    ...args,
    '--template',
    'tiny',
    '--epochs',
    '1',
    '--out',
    scratch
  ])
  const run = JSON.parse(await readFile(path.join(scratch, 'run.json'), 'utf8')) as { id: string }
  runId = run.id
  await rename(scratch, path.join(runsDir, runId))
  // A newer run that failed: it has no weights, so it must not be offered for export.
  const failed = path.join(runsDir, 'failed-run')
  await cp(path.join(runsDir, runId), failed, { recursive: true })
  const failedJson = {
    ...run,
    id: 'failed-run',
    status: 'failed',
    createdAt: new Date(Date.now() + 60_000).toISOString()
  }
  await writeFile(path.join(failed, 'run.json'), JSON.stringify(failedJson))

  const dispatch = createDispatcher(createEngineHandlers({ dataRoot: dir, runsDir }, () => {}))
  installClient(createClient(inProcessTransport(dispatch, (route) => calls.push(route)).transport))
}, 120_000)

afterAll(async () => rm(dir, { recursive: true, force: true }))
beforeEach(() => setActivePinia(createPinia()))

describe('the export store', () => {
  it('selects the newest completed run and describes its TF.js export, with a folder inside the run', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    expect(store.usableRuns.map((r) => r.id)).toEqual([runId])
    expect(store.runId).toBe(runId)
    expect(store.format).toBe('tfjs')
    expect(store.description?.files.map((f) => f.name)).toEqual([
      'model.json',
      'weights.bin',
      'preprocessing.json'
    ])
    expect(store.outPath).toBe(`${runsDir}/${runId}/exports/tfjs`)
  })

  it('follows the format with its files and default folder, but keeps a folder the person chose', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    await store.selectFormat('onnx')
    expect(store.description?.files.map((f) => f.name)).toEqual(['model.onnx', 'preprocessing.json'])
    expect(store.outPath).toMatch(/exports\/onnx$/)
    store.setOutPath('/somewhere/mine')
    await store.selectFormat('pytorch')
    expect(store.outPath).toBe('/somewhere/mine')
    expect(store.description?.files.map((f) => f.name)).toContain('model_pytorch.py')
  })

  it('says why a summary cannot be made, and refuses to export without a folder', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    await store.selectRun('no-such-run')
    expect(store.description).toBeNull()
    expect(store.describing).toBe(false)
    expect(store.describeError).toMatch(/\w+ \w+/)
    await store.selectRun(runId)
    expect(store.describeError).toBeNull()
    store.setOutPath('   ')
    const before = calls.length
    expect(await store.runExport()).toBe(false)
    expect(store.exportError).toBe('Type or browse to the folder the export should be written to.')
    expect(calls.length).toBe(before)
  })

  it('exports to the chosen folder, reports the files, and offers the TF.js folder to Predict', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    const target = path.join(dir, 'out', 'tfjs')
    store.setOutPath(target)
    const exporting = store.runExport()
    expect(store.exporting).toBe(true)
    expect(await exporting).toBe(true)
    expect(store.exporting).toBe(false)
    expect(store.result?.files.map((f) => path.basename(f.path)).sort()).toEqual(
      (await readdir(target)).sort()
    )
    expect(store.result?.files.every((f) => f.bytes > 0)).toBe(true)
    expect(store.modelDir).toBe(target)
  })

  it('puts each image on a card: top-k probabilities, or the reason it could not be read', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    await store.addFiles([fileOf('a.png', await png(50)), fileOf('notes.png', Buffer.from('not an image'))])
    const [good, bad] = store.images
    expect(good?.pending).toBe(false)
    expect(good?.error).toBeNull()
    expect(good?.top.map((t) => t.class).sort()).toEqual(['dark', 'light'])
    expect(good?.top.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 4)
    expect(bad?.top).toEqual([])
    expect(bad?.error).toMatch(/\w+ \w+/)
    expect(store.manifest?.classes).toEqual(['dark', 'light'])

    await store.setTopK(1)
    expect(store.images[0]?.top).toHaveLength(1)
    expect(store.images[0]?.top[0]?.class).toBe(good?.top[0]?.class)

    store.removeImage(bad!.id)
    expect(store.images).toHaveLength(1)
  })

  it('asks for a folder before predicting with one, then predicts with the exported model', async () => {
    const store = useExportStore()
    await store.refreshRuns()
    await store.addFiles([fileOf('b.png', await png(210))])
    const fromRun = store.images[0]?.top.map((t) => [t.class, t.probability.toFixed(4)])
    await store.setModelSource('folder')
    expect(store.predictError).toMatch(/path of an exported TF\.js folder/)
    // A folder is checked when it is chosen; nothing is sent to predict with a folder that cannot serve.
    const sent = calls.length
    await store.setModelDir(path.join(dir, 'missing-export'))
    expect(store.modelDirError).toBe(
      `There is no folder ${path.join(dir, 'missing-export')}; type the path of a TF.js export folder.`
    )
    expect(store.predictError).toBe(store.modelDirError)
    expect(calls.slice(sent)).toEqual(['model.describe'])
    await store.setModelDir(path.join(dir, 'out', 'tfjs'))
    expect(store.predictError).toBeNull()
    expect(store.images[0]?.top.map((t) => [t.class, t.probability.toFixed(4)])).toEqual(fromRun)
    store.clearImages()
    expect(store.images).toEqual([])
  })
})

describe('prediction batches', () => {
  it('keeps each call within 64 images and the size budget, in order', () => {
    const small = Array.from({ length: 130 }, (_, i) => ({ id: i, data: 'x' }))
    const byCount = predictionBatches(small, 1000)
    expect(byCount.map((b) => b.length)).toEqual([64, 64, 2])
    expect(byCount.flat().map((b) => b.id)).toEqual(small.map((b) => b.id))

    const sized = [400, 400, 400, 1000].map((n, id) => ({ id, data: 'x'.repeat(n) }))
    expect(predictionBatches(sized, 900).map((b) => b.map((x) => x.id))).toEqual([[0, 1], [2], [3]])
  })
})
