import { spawn } from 'node:child_process'
import { chmod, chown, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDataset } from '../../../src/main/engine/dataset/openDataset'
import type { ImportProgress } from '../../../src/main/engine/dataset/progressReporter'
import { Walker, type Found } from '../../../src/main/engine/dataset/folderWalker'
import { ImportReport } from '../../../src/shared/datasetSchemas'
import { makeTempDir, removeDir, solid, writeImage, writeText } from './imageFixtures'

// Opening "/" used to walk the whole disk silently and end with a raw EACCES from /proc/1/fdinfo.
let root: string
const pixel = () => solid(4, 4, [120, 120, 120], true)
const repo = path.resolve(__dirname, '../../..')

beforeEach(async () => {
  root = await makeTempDir()
})
afterEach(async () => {
  await chmod(path.join(root, 'set', 'bird'), 0o755).catch(() => undefined)
  await chmod(path.join(root, 'set', 'dog', 'locked'), 0o755).catch(() => undefined)
  await removeDir(root)
})

/** Runs `dataset inspect` as an unprivileged user: root reads every folder whatever its mode. */
function inspectAsUser(
  folder: string,
  home: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli/main.ts', 'dataset', 'inspect', folder, '--json'],
    {
      cwd: repo,
      env: {
        ...process.env,
        HOME: home,
        XDG_CACHE_HOME: path.join(home, 'cache'),
        CNN_WORKBENCH_CACHE_DIR: ''
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asNobody
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

describe('walking a folder tree', () => {
  it('lists folders it cannot read as skipped, with the reason, and opens the rest', async () => {
    const set = path.join(root, 'set')
    for (let i = 0; i < 3; i++) {
      await writeImage(path.join(set, 'cat', `${i}.png`), pixel())
      await writeImage(path.join(set, 'dog', `${i}.png`), pixel())
      await writeImage(path.join(set, 'dog', 'locked', `${i}.png`), pixel())
      await writeImage(path.join(set, 'bird', `${i}.png`), pixel())
    }
    await chmod(path.join(set, 'dog', 'locked'), 0o000)
    await chmod(path.join(set, 'bird'), 0o000)
    const home = path.join(root, 'home')
    await mkdir(home)
    if (process.getuid?.() === 0) {
      await chmod(root, 0o755)
      await chown(home, 65534, 65534)
    }
    const result = await inspectAsUser(set, home)
    expect(result.code, result.stderr).toBe(0)
    const report = ImportReport.parse(JSON.parse(result.stdout))
    expect(report.classes.map((c) => [c.name, c.count])).toEqual([
      ['cat', 3],
      ['dog', 3]
    ])
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { path: 'bird/', reason: 'the folder cannot be read: permission was denied' },
        { path: 'dog/locked/', reason: 'the folder cannot be read: permission was denied' }
      ])
    )
  })

  it('reports progress while it walks folders that hold few images, and stops when cancelled', async () => {
    await writeImage(path.join(root, 'cat', 'a.png'), pixel())
    await writeImage(path.join(root, 'dog', 'a.png'), pixel())
    for (let i = 0; i < 600; i++) await writeText(path.join(root, 'dog', `notes-${i}.txt`), 'not an image')
    const seen: ImportProgress[] = []
    const controller = new AbortController()
    const opening = openDataset(
      { kind: 'folder', path: root },
      {},
      {
        cacheDir: path.join(root, '.cache'),
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p)
          if (p.phase === 'scan' && p.total === 0) controller.abort()
        }
      }
    )
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen.some((p) => p.phase === 'scan' && p.total === 0)).toBe(true)
  })

  it('opening / can be cancelled during its walk', async () => {
    const controller = new AbortController()
    let scans = 0
    const opening = openDataset(
      { kind: 'folder', path: '/' },
      {},
      {
        cacheDir: path.join(root, '.cache'),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'scan' && ++scans === 3) controller.abort()
        }
      }
    )
    await expect(opening).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('does not walk into /proc, /sys or /dev when the dataset is not inside them', async () => {
    const walker = new Walker('/', { report: () => undefined })
    const out: Found[] = []
    for (const view of ['proc', 'sys', 'dev']) await walker.walk(`/${view}`, `/${view}`, view, out)
    expect(out).toEqual([])
    expect(walker.skipped.map((s) => s.path)).toEqual(['proc/', 'sys/', 'dev/'])
    expect(walker.skipped[0]?.reason).toBe('/proc is a view of the running system, not a folder of images')
  })
})
