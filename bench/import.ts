/**
 * Dataset import benchmark (`npm run bench:import`): MNIST as 70,000 PNG files in class
 * folders, measured against a plain sharp decode loop, then reopened from the cache; on Linux also
 * imported with the system GLib preloaded, where the engine decodes with sharp's WebAssembly build.
 */
import { spawn } from 'node:child_process'
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

/** The system GLib, preloaded: what the Electron binary brings into a desktop engine running on it. */
const GLIB_STAND_IN = ['libglib-2.0.so.0', 'libgobject-2.0.so.0', 'libgio-2.0.so.0']
  .map((lib) => `/usr/lib/x86_64-linux-gnu/${lib}`)
  .join(' ')

/** The import in a child process with the system GLib preloaded; counts the GLib lines it printed. */
function importWithGlib(
  folder: string,
  count: number
): Promise<Throughput & { decoder: string; glibLines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/support/importChild.ts', folder, cacheDir + '-glib', String(count)],
      { env: { ...process.env, LD_PRELOAD: GLIB_STAND_IN }, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the import with GLib preloaded failed:\n${err}`))
      const result = JSON.parse(out) as Throughput & { decoder: { label: string } }
      resolve({
        ...result,
        decoder: result.decoder.label,
        glibLines: err.split('\n').filter((l) => l.includes('GLib')).length
      })
    })
  })
}

/** `--glib-only`: just (e), the import with the system GLib loaded. */
const glibOnly = process.argv.includes('--glib-only')
const folder = await ensureMnistPngFolder()
const files = await listImageFiles(folder)
console.log(`dataset: ${files.length} PNG files in ${folder}`)
console.log(
  `${DECODE_CONCURRENCY} decodes in flight, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`
)

const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-bench-cache-'))
try {
  let importRate: Throughput | undefined
  if (!glibOnly) {
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
    importRate = imported
  }
  if (process.platform === 'linux') {
    const glib = await importWithGlib(folder, files.length)
    console.log(
      `(e) import, system GLib loaded (LD_PRELOAD, as on the Electron binary): ${rate(glib)}; ` +
        (importRate ? `${(glib.imagesPerSecond / importRate.imagesPerSecond).toFixed(2)}× (b), ` : '') +
        `decoded by ${glib.decoder}, ` +
        `${glib.glibLines} GLib line(s) on stderr`
    )
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true })
  await rm(cacheDir + '-glib', { recursive: true, force: true })
}
