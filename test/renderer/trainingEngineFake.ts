import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, vi } from 'vitest'
import { createClient } from '../../src/shared/client'
import { createDispatcher, type Handlers } from '../../src/shared/dispatch'
import { buildTemplate } from '../../src/shared/network'
import type { MetricsLine, RunJson, TrainingProgress, TrainingSettings } from '../../src/shared/training'
import { defaultTrainingSettings } from '../../src/shared/training'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'

/** The in-process transport over these handlers; `install` empties it and makes it the client. */
function inProcess(handlers: Partial<Handlers>) {
  const calls: { route: string; input: unknown }[] = []
  const dispatch = createDispatcher(handlers)
  const inProcess = inProcessTransport(dispatch, (route, input) => calls.push({ route, input }))
  const install = (): void => {
    inProcess.clear()
    calls.length = 0
    installClient(createClient(inProcess.transport))
  }
  return {
    install,
    calls,
    emit: inProcess.emit,
    listenerCount: inProcess.listenerCount
  }
}

export const network = buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 3)

export function runJson(id: string, status: RunJson['status'], settings: TrainingSettings): RunJson {
  return {
    version: 1,
    id,
    status,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:01:00.000Z',
    settings,
    network,
    augment: null,
    dataset: {
      source: { kind: 'folder', path: '/data/shapes' },
      options: {},
      input: { height: 8, width: 8, channels: 1 },
      classNames: ['a', 'b', 'c'],
      counts: { train: 24, val: 3, test: 3 }
    },
    backend: null,
    epochsCompleted: 0,
    step: 0,
    final: null,
    pid: null,
    error: null,
    warnings: [],
    initialWeights: null
  }
}

export function progress(over: Partial<TrainingProgress>): TrainingProgress {
  return {
    runId: 'run-1',
    state: 'running',
    step: 1,
    epoch: 1,
    epochs: 2,
    batch: 1,
    batchesPerEpoch: 4,
    batchLoss: 1,
    batchAccuracy: 0.5,
    epochEnd: null,
    imagesPerSecond: 100,
    etaSeconds: 3,
    learningRate: 0.001,
    memory: { numTensors: 20, rssBytes: 1e8 },
    ...over
  }
}

const metricsOf: Record<string, MetricsLine[]> = {
  'run-0': [
    { kind: 'batch', epoch: 1, step: 2, loss: 1.2, accuracy: 0.3 },
    {
      kind: 'epoch',
      epoch: 1,
      step: 4,
      trainLoss: 1.1,
      trainAccuracy: 0.4,
      valLoss: 1.0,
      valAccuracy: 0.5,
      learningRate: 0.001,
      seconds: 1
    },
    {
      kind: 'epoch',
      epoch: 2,
      step: 8,
      trainLoss: 0.7,
      trainAccuracy: 0.7,
      valLoss: 0.8,
      valAccuracy: 0.6,
      learningRate: 0.001,
      seconds: 1
    }
  ]
}

/**
 * A training engine that starts 'run-1' on top of one completed 'run-0' and serves run-0's metrics.
 * Before each test of the calling file it starts afresh, with a fresh Pinia, and is installed as the
 * client. `runs` is the run list it answers with; a test may change a run's status in it.
 */
export function fakeTrainingEngine() {
  const started: { settings: TrainingSettings }[] = []
  const runs: RunJson[] = []
  const bus = inProcess({
    'training.start': async (input) => {
      started.push({ settings: input.settings })
      runs.unshift(runJson('run-1', 'running', input.settings))
      return { runId: 'run-1', runDir: '/runs/run-1' }
    },
    // As the engine answers: where the run stands; its events report when the request is taken.
    'training.control': async ({ runId }) => ({
      status: runs.find((r) => r.id === runId)?.status ?? 'running'
    }),
    'training.runs': async () => ({ runsDir: '/runs', runs }),
    'training.metrics': async ({ runId }) => {
      const lines = metricsOf[runId]
      if (!lines) throw new Error(`There is no run ${runId}.`)
      return { lines }
    }
  })

  beforeEach(() => {
    setActivePinia(createPinia())
    started.length = 0
    runs.splice(0, runs.length, runJson('run-0', 'completed', defaultTrainingSettings()))
    bus.install()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  return { bus, started, runs }
}
