/**
 * Dataset import benchmark (`npm run bench:import`): MNIST as 70,000 PNG files in class
 * folders, measured against a plain sharp decode loop, then reopened from the cache.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DECODE_CONCURRENCY } from '../src/main/engine/dataset/decodeAll'
import { openDataset, type OpenedDataset } from '../src/main/engine/dataset/openDataset'
import { cacheBytes } from './support/cacheSize'
import { ensureMnistPngFolder } from './support/mnistPngFolder'
import { listImageFiles, measure, plainDecodeLoop, type Throughput } from './support/plainDecodeLoop'

const TARGET_IMPORT_RATIO = 0.9
const TARGET_REOPEN_SPEEDUP = 20
const TARGET_BYTES_PER_VALUE = 1.1

const verdict = (ok: boolean) => (ok ? 'OK' : 'BELOW TARGET')
const rate = (t: Throughput) =>
  `${t.imagesPerSecond.toFixed(0)} images/s, ${t.cpuMicrosPerImage.toFixed(0)} µs CPU/image`

const folder = await ensureMnistPngFolder()
const files = await listImageFiles(folder)
console.log(`dataset: ${files.length} PNG files in ${folder}`)
console.log(
  `${DECODE_CONCURRENCY} decodes in flight, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`
)

const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-bench-cache-'))
try {
  // The plain loop runs before and after the import; their mean evens out other load on the machine.
  const plainBefore = await plainDecodeLoop(files, DECODE_CONCURRENCY)
  let first: OpenedDataset | undefined
  const imported = await measure(files.length, async () => {
    first = await openDataset({ kind: 'folder', path: folder }, {}, { cacheDir })
  })
  const plainAfter = await plainDecodeLoop(files, DECODE_CONCURRENCY)
  if (!first) throw new Error('import did not finish')
  const plain: Throughput = {
    imagesPerSecond: (plainBefore.imagesPerSecond + plainAfter.imagesPerSecond) / 2,
    cpuMicrosPerImage: (plainBefore.cpuMicrosPerImage + plainAfter.cpuMicrosPerImage) / 2
  }
  console.log(
    `(a) plain sharp decode loop:  ${rate(plain)} (runs: ${plainBefore.imagesPerSecond.toFixed(0)}, ${plainAfter.imagesPerSecond.toFixed(0)})`
  )
  const ratio = imported.imagesPerSecond / plain.imagesPerSecond
  console.log(
    `(b) import, empty cache:      ${rate(imported)}, ${first.report.seconds.toFixed(2)} s; ` +
      `${ratio.toFixed(2)}× the plain loop (target ≥ ${TARGET_IMPORT_RATIO}×) ${verdict(ratio >= TARGET_IMPORT_RATIO)}`
  )
  const reopenStarted = performance.now()
  const again = await openDataset({ kind: 'folder', path: folder }, {}, { cacheDir })
  const reopenSeconds = (performance.now() - reopenStarted) / 1000
  const speedUp = first.report.seconds / reopenSeconds
  console.log(
    `(c) reopen from cache:        ${reopenSeconds.toFixed(3)} s, ${speedUp.toFixed(1)}× faster than (b) ` +
      `(target ≥ ${TARGET_REOPEN_SPEEDUP}×) ${verdict(again.report.fromCache && speedUp >= TARGET_REOPEN_SPEEDUP)}`
  )
  const { height, width, channels } = first.input
  const values = first.report.total * height * width * channels
  const perValue = (await cacheBytes(cacheDir)) / values
  console.log(
    `(d) cache size:               ${perValue.toFixed(3)} bytes per pixel-channel ` +
      `(${height}×${width}×${channels}, target ≤ ${TARGET_BYTES_PER_VALUE}) ${verdict(perValue <= TARGET_BYTES_PER_VALUE)}`
  )
} finally {
  await rm(cacheDir, { recursive: true, force: true })
}
