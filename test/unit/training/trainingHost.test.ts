import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildTemplate } from '../../../src/shared/network'
import { defaultTrainingSettings, RunJson, type TrainingProgress } from '../../../src/shared/training'
import { readRunJson, TrainingHost } from '../../../src/main/engine/training'
import { barsDataset } from './syntheticData'
import { tempDir, until } from './trainingRunHelpers'

let dir = ''
let cleanup: () => Promise<void> = async () => {}
const host = new TrainingHost()

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
})
afterAll(async () => {
  await host.close()
  await cleanup()
})

it('trains in a worker thread, controlled by messages, while this thread keeps answering', async () => {
  const data = barsDataset(600)
  const events: TrainingProgress[] = []
  const unsubscribe = host.onProgress((p) => events.push(p))
  // The main thread stays free while the worker trains: a timer here keeps firing. (How promptly is a
  // figure for the responsiveness benchmark, not for a unit test on a shared machine.)
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)

  const runDir = path.join(dir, 'worker-run')
  const { runId } = await host.start({
    runDir,
    data,
    source: { kind: 'folder', path: '/synthetic/bars' },
    network: buildTemplate('tiny', data.input, 2),
    augment: null,
    settings: defaultTrainingSettings({ epochs: 200, batchSize: 16, learningRate: 0.01 }),
    backend: 'wasm'
  })
  // The caller's dataset is copied to shared memory, not taken away.
  expect(data.pixels.byteLength).toBe(600 * 144)
  await until(() => events.some((e) => e.batch > 0 && e.state === 'running'), 'the first batch')

  host.pause(runId)
  await until(() => events.at(-1)?.state === 'paused', 'the pause')
  expect((await readRunJson(runDir)).status).toBe('paused')
  // That a paused loop takes no step is the trainer's own test; here the message took effect.
  const pausedStep = events.at(-1)?.step

  host.resume(runId)
  await until(() => (events.at(-1)?.step ?? 0) > (pausedStep ?? 0) + 3, 'steps after resuming')
  expect(events.at(-1)?.state).toBe('running')
  host.stop(runId)
  const final = await host.finished(runId)
  clearInterval(timer)
  unsubscribe()

  expect(final.status).toBe('stopped')
  expect(final.backend?.name).toBe('wasm')
  expect(final.final?.testAccuracy).not.toBeNull()
  expect(events.every((e) => e.runId === runId)).toBe(true)
  expect(ticks).toBeGreaterThan(10)
  expect(host.activeRuns()).toEqual([])
  // tfjs lives only in the worker (tfjs-node cannot be loaded in two threads of one process).
  expect((globalThis as { _tfengine?: unknown })._tfengine).toBeUndefined()
})

it('when the training thread dies, reports its run as interrupted with the reason, and leaves run.json alone', async () => {
  const data = barsDataset(200)
  const records: RunJson[] = []
  const events: TrainingProgress[] = []
  const offRun = host.onRun((run) => records.push(run))
  const offProgress = host.onProgress((p) => events.push(p))
  const runDir = path.join(dir, 'dying-run')
  const { runId } = await host.start({
    runDir,
    data,
    source: { kind: 'folder', path: '/synthetic/bars' },
    network: buildTemplate('tiny', data.input, 2),
    augment: null,
    settings: defaultTrainingSettings({ epochs: 200, batchSize: 16, learningRate: 0.01 }),
    backend: 'wasm'
  })
  // The run's first record arrives before the start is answered.
  expect(records[0]).toMatchObject({ id: runId, status: 'running' })
  await until(() => events.some((e) => e.runId === runId && e.batch > 0), 'the first batch')
  expect(host.isTraining(runId)).toBe(true)

  // The thread dies as a crashed native addon would take it: without a word.
  await (host as unknown as { thread: { worker: Worker } }).thread.worker.terminate()
  await until(() => records.at(-1)?.status === 'interrupted', 'the interrupted record')
  expect(records.at(-1)).toMatchObject({ id: runId, error: expect.stringMatching(/training thread/) })
  expect(host.isTraining(runId)).toBe(false)
  // Nothing rewrote the file: it still says running, and reads back as interrupted here.
  const onDisk = RunJson.parse(JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')))
  expect(onDisk.status).toBe('running')
  expect((await readRunJson(runDir, (run) => host.isTraining(run.id))).status).toBe('interrupted')
  offRun()
  offProgress()
})
