/**
 * The image inspector's main request: the feature maps (and all class probabilities) of one MNIST digit
 * through the lecture network, as the UI asks for them — through the engine's route handlers and
 * dispatcher, then serialised as the WebSocket sends it. Target: under 300 ms.
 *
 *   npm run bench:insight [-- --repeats 20]
 *
 * Prints the first request (which loads the model) and the median, 90th percentile
 * and worst of the repeats, the answer's size, and the load average while it ran.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { readMnistIdx } from '../src/main/engine/dataset/mnistIdxFiles'
import { createEngineHandlers } from '../src/main/engine/engineHandlers'
import { mainThreadBackend } from '../src/main/engine/backend/mainThreadBackend'
import { createDispatcher } from '../src/shared/dispatch'
import { writeLectureRun } from './support/lectureRun'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}
const repeats = Number(arg('repeats', '20'))
const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN

const dir = await mkdtemp(path.join(os.tmpdir(), 'cw-bench-insight-'))
try {
  const runsDir = path.join(dir, 'runs')
  await writeLectureRun(path.join(runsDir, 'lecture'))
  const { test } = await readMnistIdx()
  const digit = Buffer.from(test.images.pixels.subarray(0, 28 * 28))
  const png = await sharp(digit, { raw: { width: 28, height: 28, channels: 1 } })
    .png()
    .toBuffer()
  const dispatch = createDispatcher(
    createEngineHandlers(
      { dataRoot: dir, runsDir, cacheDir: path.join(dir, 'cache'), appDataDir: dir },
      () => {}
    )
  )
  const request = {
    model: { runId: 'lecture' },
    image: { name: 'digit.png', data: png.toString('base64') }
  }
  /** One request end to end: dispatch (parse, handler, answer) and the JSON text a transport sends. */
  const once = async (): Promise<{ ms: number; bytes: number }> => {
    const start = performance.now()
    const result = await dispatch('insight.featureMaps', request)
    if (!result.ok) throw new Error(result.error.message)
    const text = JSON.stringify(result)
    return { ms: performance.now() - start, bytes: text.length }
  }
  // The backend is chosen once per engine, at its first tfjs work; the first request still loads the model.
  const backend = await mainThreadBackend()
  const first = await once()
  const times: number[] = []
  for (let i = 0; i < repeats; i++) times.push((await once()).ms)
  const [load1, load5] = os.loadavg()
  console.log(
    `insight.featureMaps, lecture network (28×28×1, 8 layers), one MNIST digit, backend ${backend.name}`
  )
  console.log(`  first request (loads the model): ${first.ms.toFixed(0)} ms`)
  console.log(
    `  ${repeats} requests: median ${quantile(times, 0.5).toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms (target < 300 ms)`
  )
  console.log(`  answer: ${(first.bytes / 1024).toFixed(0)} KiB of JSON`)
  console.log(
    `  load average during the run: ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min) on ${os.cpus().length} cores`
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
