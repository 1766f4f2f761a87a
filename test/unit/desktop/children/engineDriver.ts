/**
 * Starts the engine exactly as one of the app's front ends does and imports folders through it, printing
 * one JSON document: the import reports, a hash of every decoded pixel, and the engine's backend line.
 *   desktop  the desktop app's launcher (desktopEngineLaunch) with the built engine in out/main
 *   serve    serve mode's launcher (cliEngineLaunch) with the same built engine
 * Usage: engineDriver.ts desktop|serve ELECTRON_PATH DATA_ROOT CACHE_DIR FOLDER...
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createContractRouter } from '../../../../src/main/host/contractRouter'
import { EngineHost } from '../../../../src/main/host/engineHost'
import { cliEngineLaunch, desktopEngineLaunch } from '../../../../src/main/host/engineLaunch'

const [mode, electronPath, dataRoot, cacheDir, ...folders] = process.argv.slice(2)
if ((mode !== 'desktop' && mode !== 'serve') || !electronPath || !dataRoot || !cacheDir)
  throw new Error('usage: engineDriver.ts desktop|serve ELECTRON_PATH DATA_ROOT CACHE_DIR FOLDER...')

const built = fileURLToPath(new URL('../../../../out/main', import.meta.url))
const launch =
  mode === 'desktop'
    ? desktopEngineLaunch({ dataRoot, cacheDir }, built, electronPath)
    : cliEngineLaunch({ dataRoot, cacheDir }, built)
const engine = new EngineHost(launch)
engine.start()
const contract = createContractRouter(engine, {})

async function call(route: Parameters<typeof contract.invoke>[0], input: unknown): Promise<unknown> {
  const result = await contract.invoke(route, input)
  if (!result.ok) throw new Error(`${route}: ${result.error.message}`)
  return result.value
}

/** Every decoded image's pixels, hashed in order: equal hashes mean the same dataset, bit for bit. */
async function pixelHash(total: number): Promise<string> {
  const hash = createHash('sha256')
  for (let offset = 0; offset < total; offset += 2000) {
    const indexes = Array.from({ length: Math.min(2000, total - offset) }, (_, i) => offset + i)
    const page = (await call('dataset.thumbnails', { indexes })) as { images: { pixels: string }[] }
    for (const image of page.images) hash.update(image.pixels)
  }
  return hash.digest('hex')
}

const results = []
for (const folder of folders) {
  const opened = (await call('dataset.open', { source: { kind: 'folder', path: path.resolve(folder) } })) as {
    report: { total: number }
  }
  const kept = (await call('dataset.items', { offset: 0, limit: 1 })) as { total: number }
  results.push({ folder, report: opened.report, pixels: await pixelHash(kept.total) })
}
const line = await call('engine.backend', {})
await contract.close()
process.stdout.write(JSON.stringify({ results, backend: line }) + '\n')
