import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIfStale } from '../../../scripts/build-if-stale.mjs'
import { writeAwkwardFolder, writeMnistPngs } from './awkwardImages'

/**
 * The Electron binary links the system GLib, which native sharp's own copy clashes with. Preloading the
 * three libraries into a plain Node process reproduces that here, without Electron.
 */
const GLIB_STAND_IN = [
  '/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0',
  '/usr/lib/x86_64-linux-gnu/libgobject-2.0.so.0',
  '/usr/lib/x86_64-linux-gnu/libgio-2.0.so.0'
].join(' ')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const glibLines = (text: string): string[] => text.split('\n').filter((line) => line.includes('GLib'))

let dir: string
let awkward: string
let mnist: string
let mnistCount: number
/** The environment without the variables that tell the launcher where Node.js is. */
const { npm_node_execpath: _npm, CNN_WORKBENCH_NODE: _configured, ...plainEnv } = process.env

beforeAll(async () => {
  expect(await buildIfStale()).toBe(0)
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-glib-'))
  awkward = path.join(dir, 'awkward')
  mnist = path.join(dir, 'mnist')
  await writeAwkwardFolder(awkward)
  mnistCount = await writeMnistPngs(mnist, 300)
}, 600_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Imports both folders through the engine that `mode`'s launcher starts, with a cache of its own. */
async function importThrough(mode: 'desktop' | 'serve', env: NodeJS.ProcessEnv) {
  const cacheDir = await mkdtemp(path.join(dir, `cache-${mode}-`))
  const driver = path.join(import.meta.dirname, 'children', 'engineDriver.ts')
  const result = await run(
    ['--import', 'tsx', driver, mode, process.execPath, dir, cacheDir, awkward, mnist],
    env
  )
  expect(result.code, result.stderr).toBe(0)
  const out = JSON.parse(result.stdout) as {
    results: { report: Record<string, unknown>; pixels: string }[]
    backend: { runtime: { why: string }; decoder: { kind: string; why: string } }
  }
  // What differs from one import to the next by nature: how long it took.
  const reports = out.results.map(({ report: { seconds: _s, ...report }, pixels }) => ({ report, pixels }))
  return { reports, backend: out.backend, stderr: result.stderr }
}

describe('the desktop engine next to the system GLib (LD_PRELOAD stands in for the Electron binary)', () => {
  it('the stand-in makes plain native sharp clash, so the checks below can fail', async () => {
    const script = `
      const sharp = require('sharp'), fs = require('fs'), path = require('path');
      const dir = ${JSON.stringify(path.join(mnist, '0'))};
      (async () => { for (const f of fs.readdirSync(dir).slice(0, 50))
        await sharp(path.join(dir, f)).resize(16, 16).raw().toBuffer() })()`
    const result = await run(['-e', script], { ...process.env, LD_PRELOAD: GLIB_STAND_IN })
    expect(glibLines(result.stderr).length).toBeGreaterThan(0)
  }, 120_000)

  it('imports awkward images and MNIST PNGs with no GLib line and the same report and pixels as serve mode', async () => {
    const serve = await importThrough('serve', plainEnv)
    expect(serve.backend.decoder.kind).toBe('native')
    expect(serve.reports[1]?.report.total).toBe(mnistCount)

    // The desktop app started through npm (or with CNN_WORKBENCH_NODE): its engine runs on Node.js.
    const onNode = await importThrough('desktop', {
      ...plainEnv,
      CNN_WORKBENCH_NODE: process.execPath,
      LD_PRELOAD: GLIB_STAND_IN
    })
    expect(glibLines(onNode.stderr)).toEqual([])
    expect(onNode.backend.runtime.why).toMatch(/^Node\.js [\d.]+ from CNN_WORKBENCH_NODE/)
    // GLib is mapped into the engine too (the stand-in is inherited), and the engine sees it itself.
    expect(onNode.backend.decoder.kind).toBe('wasm')
    expect(onNode.backend.decoder.why).toMatch(/system GLib loaded \(.*libglib-2\.0\.so/)
    expect(onNode.reports).toEqual(serve.reports)

    // No Node.js anywhere: the engine runs on the app's own binary as Node (process.execPath stands in).
    const onElectron = await importThrough('desktop', {
      ...plainEnv,
      PATH: '/nonexistent',
      LD_PRELOAD: GLIB_STAND_IN
    })
    expect(glibLines(onElectron.stderr)).toEqual([])
    expect(onElectron.backend.runtime.why).toMatch(/as Node, because no Node\.js was found/)
    expect(onElectron.backend.decoder.kind).toBe('wasm')
    expect(onElectron.reports).toEqual(serve.reports)
  }, 900_000)
})
