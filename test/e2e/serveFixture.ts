import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'

export interface ServeInstance {
  url: string
  origin: string
  token: string
  dataRoot: string
  process: ChildProcess
}

/**
 * Starts `cnn-workbench serve` exactly as a user would, on a free port, and reads the URL it prints. Its app data
 * (recent list, default runs folder) and caches live under dataRoot, so tests running side by side share nothing
 * and a second instance on the same dataRoot finds the first one's recent list.
 */
export async function startServe(dataRoot: string, extra: string[] = []): Promise<ServeInstance> {
  const cacheDir = path.join(dataRoot, '.cache')
  const runsDir = path.join(dataRoot, '.runs')
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--data-root',
      dataRoot,
      '--cache-dir',
      cacheDir,
      '--runs-dir',
      runsDir,
      ...extra
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        XDG_DATA_HOME: path.join(dataRoot, '.share'),
        XDG_CACHE_HOME: path.join(dataRoot, '.xdg-cache')
      }
    }
  )
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /CNN Workbench serving at (\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)))
  })
  const u = new URL(url)
  return { url, origin: u.origin, token: u.searchParams.get('token')!, dataRoot, process: child }
}

export const test = base.extend<{ serve: ServeInstance }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a destructured object
  serve: async ({}, use) => {
    const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'cnn-e2e-'))
    const instance = await startServe(dataRoot)
    await use(instance)
    instance.process.kill('SIGTERM')
    await new Promise((r) => instance.process.once('exit', r))
    await rm(dataRoot, { recursive: true, force: true })
  }
})

export { expect } from '@playwright/test'
