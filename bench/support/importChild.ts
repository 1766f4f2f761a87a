/**
 * One import in a process of its own, for the configurations that must start a new process: with the
 * system GLib preloaded (LD_PRELOAD), as in a desktop engine running on the Electron binary, the engine's
 * decoder check picks sharp's WebAssembly build. Prints one JSON line.
 * Usage: importChild.ts FOLDER CACHE_DIR COUNT
 */
import { openDataset } from '../../src/main/engine/dataset/openDataset'
import { imageDecoder } from '../../src/main/engine/dataset/imageDecoder'
import { measure } from './plainDecodeLoop'

const [folder, cacheDir, count] = process.argv.slice(2)
if (!folder || !cacheDir || !count) throw new Error('usage: importChild.ts FOLDER CACHE_DIR COUNT')
let seconds = 0
const rate = await measure(Number(count), async () => {
  seconds = (await openDataset({ kind: 'folder', path: folder }, {}, { cacheDir })).report.seconds
})
process.stdout.write(JSON.stringify({ ...rate, seconds, decoder: imageDecoder() }) + '\n')
