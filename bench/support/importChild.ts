/**
 * One import in a process of its own, for the configurations that must start a new process: with the
 * system GLib preloaded (LD_PRELOAD), as in a desktop engine running on the Electron binary, the engine's
 * decoder check picks sharp's WebAssembly build. Prints one JSON line.
 * Usage: importChild.ts FOLDER CACHE_DIR COUNT
 */
import { openDataset } from '../../src/main/engine/dataset/openDataset'
import { imageDecoder } from '../../src/main/engine/dataset/imageDecoder'

const [folder, cacheDir, count] = process.argv.slice(2)
if (!folder || !cacheDir || !count) throw new Error('usage: importChild.ts FOLDER CACHE_DIR COUNT')
// Measured here rather than with plainDecodeLoop's helper: that module loads native sharp, which must not
// be in this process.
const cpu = process.cpuUsage()
const started = performance.now()
const { report } = await openDataset({ kind: 'folder', path: folder }, {}, { cacheDir })
const wall = (performance.now() - started) / 1000
const used = process.cpuUsage(cpu)
const rate = {
  imagesPerSecond: Number(count) / wall,
  cpuMicrosPerImage: (used.user + used.system) / Number(count)
}
process.stdout.write(JSON.stringify({ ...rate, seconds: report.seconds, decoder: imageDecoder() }) + '\n')
