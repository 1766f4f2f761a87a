/**
 * How responsive the app stays while it trains: serve mode is started as a user starts it, MNIST is
 * opened, the lecture network trains, and the UI's kind of round trip (a page of the thumbnail grid) is
 * timed over the WebSocket. Target: p99 < 50 ms.
 *
 *   npm run bench:responsiveness [-- --seconds 30 --template lecture]
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { buildTemplate, type TemplateName } from '../src/shared/network'

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, template: { type: 'string', default: 'lecture' } }
})
const seconds = Number(values.seconds)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function main(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bench-resp-'))
  const server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/cli/main.ts',
      'serve',
      '--port',
      '0',
      '--data-root',
      root,
      '--runs-dir',
      path.join(root, 'runs')
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const url = await new Promise<string>((resolve) => {
    let out = ''
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /serving at (\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
  })
  const u = new URL(url)
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`)
  await new Promise((r) => ws.once('open', r))
  let nextId = 1
  const waiting = new Map<
    number,
    (v: { ok: boolean; value?: unknown; error?: { message: string } }) => void
  >()
  let trainingEvents = 0
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString())
    if (m.id !== undefined) waiting.get(m.id)?.(m.result)
    else if (m.event === 'training.progress') trainingEvents++
  })
  const call = (route: string, input: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve) => {
      const id = nextId++
      waiting.set(id, resolve)
      ws.send(JSON.stringify({ id, route, input }))
    })

  const opened = await call('dataset.open', { source: { kind: 'mnist' }, options: {} })
  if (!opened.ok) throw new Error(opened.error?.message)
  const network = buildTemplate(values.template as TemplateName, { height: 28, width: 28, channels: 1 }, 10)
  const started = await call('training.start', {
    network,
    settings: { epochs: 50, batchSize: 32 },
    augment: null
  })
  if (!started.ok) throw new Error(started.error?.message)
  const { runId } = started.value as { runId: string }
  while (trainingEvents < 3) await new Promise((r) => setTimeout(r, 50))

  const times: number[] = []
  const end = Date.now() + seconds * 1000
  let offset = 0
  while (Date.now() < end) {
    const t = performance.now()
    const r = await call('dataset.items', { offset: (offset += 256) % 60000, limit: 256 })
    if (!r.ok) throw new Error(r.error?.message)
    times.push(performance.now() - t)
    await new Promise((res) => setTimeout(res, 20))
  }
  await call('training.control', { runId, action: 'stop' })
  times.sort((a, b) => a - b)
  console.log(
    `round trips while training the ${values.template} network: ${times.length} over ${seconds} s, ${trainingEvents} progress events`
  )
  console.log(
    `  p50 ${percentile(times, 50).toFixed(1)} ms · p99 ${percentile(times, 99).toFixed(1)} ms · max ${times.at(-1)?.toFixed(1)} ms  (target p99 < 50 ms)`
  )
  ws.close()
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  await rm(root, { recursive: true, force: true })
}

void main().catch((err) => {
  console.error(err)
  process.exit(1)
})
