/**
 * Dataset import benchmark (`npm run bench:import`): MNIST as 70,000 PNG files in class
 * folders, measured against a plain sharp decode loop, then reopened from the cache.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DECODE_CONCURRENCY } from '../src/main/engine/dataset/decodeAll'
import { openDataset } from '../src/main/engine/dataset/openDataset'
import { cacheBytes } from './support/cacheSize'
import { ensureMnistPngFolder } from './support/mnistPngFolder'
import { listImageFiles, plainDecodeLoop } from './support/plainDecodeLoop'

const TARGET_IMPORT_RATIO = 0.9
const TARGET_REOPEN_SPEEDUP = 20
const TARGET_BYTES_PER_VALUE = 1.1

function verdict(ok: boolean): string {
  return ok ? 'OK' : 'BELOW TARGET'
}

const folder = await ensureMnistPngFolder()
const files = await listImageFiles(folder)
console.log(
  `dataset: ${files.length} PNG files in ${folder}; ${DECODE_CONCURRENCY} decodes in flight, ${os.cpus().length} cores`
)

const plainRate = await plainDecodeLoop(files, DECODE_CONCURRENCY)
console.log(`(a) plain sharp decode loop:  ${plainRate.toFixed(0)} images/s`)

const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-bench-cache-'))
try {
  const first = await openDataset({ kind: 'folder', path: folder }, {}, { cacheDir })
  const importRate = first.report.total / first.report.seconds
  const ratio = importRate / plainRate
  console.log(
    `(b) import, empty cache:      ${importRate.toFixed(0)} images/s (${first.report.seconds.toFixed(2)} s), ` +
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
