import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildIfStale } from '../../../scripts/build-if-stale.mjs'
import { presetSpec } from '../../../src/shared/augment'
import { buildTemplate } from '../../../src/shared/network'
import type { RunJson, TrainingProgress } from '../../../src/shared/training'
import { createContractRouter } from '../../../src/main/host/contractRouter'
import { EngineHost } from '../../../src/main/host/engineHost'
import { desktopEngineLaunch } from '../../../src/main/host/engineLaunch'
import { writeBarsFolder } from '../training/barsFolder'

const built = path.resolve('out/main')
let dir: string
beforeAll(async () => {
  // The desktop app runs out/main/engine.js and out/main/trainingWorker.js: these are what is tested here.
  expect(await buildIfStale()).toBe(0)
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnn-workbench-built-engine-'))
  await writeBarsFolder(path.join(dir, 'bars'), 60)
}, 600_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('the built engine, forked on plain Node as the desktop app does, opens a dataset and trains one epoch with augmentation in its built worker', async () => {
  process.env.CNN_WORKBENCH_NODE = process.execPath
  const launch = desktopEngineLaunch(
    { dataRoot: dir, cacheDir: path.join(dir, 'cache'), runsDir: path.join(dir, 'runs') },
    built,
    '/nonexistent/electron'
  )
  expect(launch).toMatchObject({ entry: path.join(built, 'engine.js'), execPath: process.execPath })
  expect(existsSync(path.join(built, 'trainingWorker.js'))).toBe(true)
  const engine = new EngineHost(launch)
  engine.start()
  const contract = createContractRouter(engine, {})
  const call = async (route: Parameters<typeof contract.invoke>[0], input: unknown) => {
    const result = await contract.invoke(route, input)
    if (!result.ok) throw new Error(`${route}: ${result.error.message}`)
    return result.value
  }
  try {
    const opened = (await call('dataset.open', {
      source: { kind: 'folder', path: path.join(dir, 'bars') }
    })) as {
      report: { total: number; input: { height: number; width: number; channels: number } }
      classNames: string[]
    }
    expect(opened.report.total).toBe(60)

    // The run's end is its last training.run event (its record as written to run.json).
    let finish: (run: RunJson) => void = () => {}
    const finished = new Promise<RunJson>((resolve) => (finish = resolve))
    const states: string[] = []
    contract.subscribe('training.progress', (payload) => states.push((payload as TrainingProgress).state))
    contract.subscribe('training.run', (payload) => {
      const run = payload as RunJson
      if (!['running', 'paused'].includes(run.status)) finish(run)
    })
    const { runDir } = (await call('training.start', {
      network: buildTemplate('tiny', opened.report.input, opened.classNames.length),
      augment: presetSpec('light'),
      settings: { epochs: 1, batchSize: 16, augment: true },
      backend: 'wasm'
    })) as { runDir: string }
    expect((await finished).status).toBe('completed')
    expect(states).toContain('running')

    const run = JSON.parse(readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunJson
    expect(run).toMatchObject({ status: 'completed', epochsCompleted: 1, backend: { name: 'wasm' } })
    expect(run.augment).not.toBeNull()
    expect(run.final?.testAccuracy).not.toBeNull()
    expect(engine.restarts).toBe(0)
  } finally {
    await contract.close()
    delete process.env.CNN_WORKBENCH_NODE
  }
}, 600_000)
