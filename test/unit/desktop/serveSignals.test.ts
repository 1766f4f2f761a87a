import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIfStale } from '../../../scripts/build-if-stale.mjs'
import { isAlive, processTree, untilGone } from '../../support/processTree'

let dataRoot: string
beforeAll(async () => {
  // npm run serve and bin/cnn-workbench.mjs run the build in out/.
  expect(await buildIfStale()).toBe(0)
  dataRoot = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-signals-'))
}, 600_000)
afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true })
})

/** Starts serve mode and resolves once it has printed its URL, with every process it started. */
async function startServe(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, [...args, '--port', '0', '--data-root', dataRoot], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal }))
  )
  while (!output.includes('CNN Workbench serving at')) {
    if (child.exitCode !== null) throw new Error(`serve ended early:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  // The server's engine is a process of its own; wait until it is there too.
  let tree = processTree(child.pid!)
  while (!tree.some((pid) => /engine(Main\.ts|\.js)/.test(commandLine(pid)))) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    tree = processTree(child.pid!)
  }
  return { child: child as ChildProcess, tree, exited, output: () => output }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const

describe.each([
  { how: 'npm run serve', command: 'npm', args: ['run', 'serve', '--'], env: {} },
  {
    how: 'bin/cnn-workbench.mjs serve',
    command: process.execPath,
    args: ['bin/cnn-workbench.mjs', 'serve'],
    env: {}
  },
  {
    how: 'bin/cnn-workbench.mjs serve from source (a tsx child)',
    command: process.execPath,
    args: ['bin/cnn-workbench.mjs', 'serve'],
    env: { CNN_WORKBENCH_FROM_SOURCE: '1' }
  }
])('$how', ({ command, args, env }) => {
  it.each(SIGNALS)(
    'stops with its server and engine on %s',
    async (signal) => {
      const serve = await startServe(command, args, env)
      expect(serve.tree.length).toBeGreaterThanOrEqual(2)
      serve.child.kill(signal)
      await serve.exited
      await untilGone(serve.tree)
      expect(serve.tree.filter(isAlive)).toEqual([])
    },
    120_000
  )
})
