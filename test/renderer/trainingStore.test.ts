// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventName } from '../../src/shared/contractNames'
import { createClient } from '../../src/shared/client'
import { createDispatcher, type Handlers } from '../../src/shared/dispatch'
import { buildTemplate } from '../../src/shared/network'
import {
  defaultTrainingSettings,
  type MetricsLine,
  type RunJson,
  type TrainingProgress,
  type TrainingSettings
} from '../../src/shared/training'
import { installClient } from '../../src/renderer/src/client'
import { MAX_BATCH_POINTS } from '../../src/renderer/src/components/train/curveSeries'
import TrainControls from '../../src/renderer/src/components/train/TrainControls.vue'
import TrainProgress from '../../src/renderer/src/components/train/TrainProgress.vue'
import { RUN_FILE_POLL_MS, useTrainingStore } from '../../src/renderer/src/stores/trainingStore'

/** An in-process transport: route calls go through the real dispatcher, events through a tiny emitter. */
function inProcess(handlers: Partial<Handlers>) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  const calls: { route: string; input: unknown }[] = []
  const dispatch = createDispatcher(handlers)
  installClient(
    createClient({
      invoke: (route, input) => {
        calls.push({ route, input })
        return dispatch(route, input)
      },
      subscribe: (event, listener) => {
        const set = listeners.get(event) ?? new Set()
        set.add(listener)
        listeners.set(event, set)
        return () => set.delete(listener)
      }
    })
  )
  return {
    calls,
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0
  }
}

const network = buildTemplate('tiny', { height: 8, width: 8, channels: 1 }, 3)

function runJson(id: string, status: RunJson['status'], settings: TrainingSettings): RunJson {
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

function progress(over: Partial<TrainingProgress>): TrainingProgress {
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

let bus: ReturnType<typeof inProcess>
let started: { settings: TrainingSettings }[]
let runs: RunJson[]

beforeEach(() => {
  setActivePinia(createPinia())
  started = []
  runs = [runJson('run-0', 'completed', defaultTrainingSettings())]
  bus = inProcess({
    'training.start': async (input) => {
      started.push({ settings: input.settings })
      runs = [runJson('run-1', 'running', input.settings), ...runs]
      return { runId: 'run-1', runDir: '/runs/run-1' }
    },
    'training.control': async ({ action }) => ({ status: action === 'pause' ? 'paused' : 'running' }),
    'training.runs': async () => ({ runsDir: '/runs', runs }),
    'training.metrics': async ({ runId }) => {
      const lines = metricsOf[runId]
      if (!lines) throw new Error(`There is no run ${runId}.`)
      return { lines }
    }
  })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('the training store', () => {
  it('folds progress events into the status, the figures and the curves of the run', async () => {
    const store = useTrainingStore()
    expect(await store.start(network, null)).toBe(true)
    expect(store.runId).toBe('run-1')
    expect(store.status).toBe('running')

    bus.emit('training.progress', progress({ batch: 1, batchLoss: 1.0, batchAccuracy: 0.25 }))
    bus.emit('training.progress', progress({ batch: 2, step: 2, batchLoss: 0.6, batchAccuracy: 0.75 }))
    // Another run's event while ours trains changes nothing.
    bus.emit('training.progress', progress({ runId: 'other', batch: 3, batchLoss: 9 }))
    const { curves } = store.live
    expect(curves.batchLoss.points.map((p) => p.x)).toEqual([0.25, 0.5])
    // The first smoothed value is the first sample; the second lies between the two samples.
    expect(curves.batchLoss.points[0]?.y).toBeCloseTo(1.0)
    const second = curves.batchLoss.points[1]?.y ?? NaN
    expect(second).toBeLessThan(1.0)
    expect(second).toBeGreaterThan(0.6)
    expect(store.progress?.batch).toBe(2)

    const epochEnd = { trainLoss: 0.8, trainAccuracy: 0.6, valLoss: 0.9, valAccuracy: 0.5 }
    bus.emit('training.progress', progress({ batch: 4, step: 4, epochEnd, message: 'epoch one done' }))
    bus.emit('training.progress', progress({ epoch: 2, batch: 1, step: 5, batchLoss: 0.5 }))
    bus.emit('training.progress', progress({ state: 'paused', epoch: 2, batch: 1, step: 5 }))
    expect(store.status).toBe('paused')
    bus.emit('training.progress', progress({ state: 'running', epoch: 2, batch: 2, step: 6 }))
    bus.emit(
      'training.progress',
      progress({
        state: 'completed',
        epoch: 2,
        batch: 4,
        step: 8,
        epochEnd: { ...epochEnd, valLoss: null, valAccuracy: null }
      })
    )
    expect(curves.trainLoss).toEqual([
      { x: 1, y: 0.8 },
      { x: 2, y: 0.8 }
    ])
    // Epoch 2 had no validation: the validation curve stops at epoch 1.
    expect(curves.valAccuracy).toEqual([{ x: 1, y: 0.5 }])
    expect(curves.batchLoss.points.map((p) => p.x)).toEqual([0.25, 0.5, 1.25, 1.5])
    expect(store.messages).toEqual(['epoch one done'])
    expect(store.status).toBe('completed')
    expect(store.active).toBe(false)
    expect(started[0]?.settings).toEqual(defaultTrainingSettings())
  })

  it('keeps a long run’s batch curve short enough to draw, spread over the whole run', async () => {
    const store = useTrainingStore()
    await store.start(network, null)
    const batches = 5000
    for (let b = 1; b <= batches; b++)
      bus.emit('training.progress', progress({ batch: b, step: b, batchesPerEpoch: batches, epochs: 1 }))
    const points = store.live.curves.batchLoss.points
    expect(points.length).toBeLessThanOrEqual(MAX_BATCH_POINTS)
    expect(points.length).toBeGreaterThan(MAX_BATCH_POINTS / 4)
    expect(points[0]!.x).toBeLessThan(0.01)
    expect(points.at(-1)!.x).toBeGreaterThan(0.9)
    expect(points.every((p, i) => i === 0 || p.x > points[i - 1]!.x)).toBe(true)
  })

  it('puts a message next to each invalid setting and does not start until they are fixed', async () => {
    const store = useTrainingStore()
    expect(store.fieldErrors).toEqual({})
    store.form.epochs = 0
    store.form.batchSize = '' as unknown as number // what an emptied number box gives
    store.form.schedule = 'step'
    store.form.scheduleFactor = 2
    store.form.earlyStopping = true
    store.form.validateEachEpoch = false
    expect(store.fieldErrors.epochs).toMatch(/at least 1/)
    expect(store.fieldErrors.batchSize).toBe('Enter a number.')
    expect(store.fieldErrors.scheduleFactor).toBe('Factor must be in (0, 1].')
    expect(store.fieldErrors.earlyStopping).toMatch(/validate each epoch/)
    expect(store.settings).toBeNull()
    expect(await store.start(network, null)).toBe(false)
    expect(started).toHaveLength(0)

    Object.assign(store.form, { epochs: 3, batchSize: 16, scheduleFactor: 0.5, validateEachEpoch: true })
    store.form.scheduleEvery = 2
    expect(store.fieldErrors).toEqual({})
    expect(store.settings?.schedule).toEqual({ type: 'step', every: 2, factor: 0.5 })
    expect(store.settings?.earlyStopping).toEqual({ enabled: true, patience: 3 })
    expect(await store.start(network, null)).toBe(true)
    expect(started[0]?.settings.epochs).toBe(3)
  })

  it('overlays ticked runs’ curves from their metrics and drops them when unticked', async () => {
    const store = useTrainingStore()
    await store.refreshRuns()
    expect(store.runs.map((r) => r.id)).toEqual(['run-0'])
    const version = store.curveVersion
    await store.toggleOverlay('run-0')
    expect(store.overlay).toEqual(['run-0'])
    const curves = store.overlayCurves.get('run-0')
    expect(curves?.valLoss).toEqual([
      { x: 1, y: 1.0 },
      { x: 2, y: 0.8 }
    ])
    // The batch sample at step 2 of 4 steps per epoch sits half-way through epoch 1.
    expect(curves?.batchLoss.points).toEqual([{ x: 0.5, y: 1.2 }])
    expect(store.curveVersion).toBeGreaterThan(version)
    await store.toggleOverlay('run-0')
    expect(store.overlay).toEqual([])

    await store.toggleOverlay('missing')
    expect(store.overlay).toEqual([])
    expect(store.error).toBe('There is no run missing.')
  })

  it('pauses and resumes through the engine and keeps listening until the run ends', async () => {
    const store = useTrainingStore()
    const release = store.retain()
    expect(bus.listenerCount('training.progress')).toBe(1)
    await store.start(network, null)
    await store.control('pause')
    expect(store.status).toBe('paused')
    expect(bus.calls.at(-1)).toEqual({
      route: 'training.control',
      input: { runId: 'run-1', action: 'pause' }
    })
    await store.control('resume')
    expect(store.status).toBe('running')
    // The room closes while the run trains: its events still arrive.
    release()
    expect(bus.listenerCount('training.progress')).toBe(1)
    bus.emit('training.progress', progress({ state: 'completed', epoch: 2, batch: 4 }))
    expect(store.status).toBe('completed')
    expect(bus.listenerCount('training.progress')).toBe(0)
  })

  it('learns from run.json that a run has ended when no event says so (a stop, a crashed thread)', async () => {
    vi.useFakeTimers()
    const store = useTrainingStore()
    await store.start(network, null)
    bus.emit('training.progress', progress({ batch: 2 }))
    await store.control('stop')
    expect(store.stopping).toBe(true)
    expect(store.active).toBe(true)
    await vi.advanceTimersByTimeAsync(RUN_FILE_POLL_MS * 2)
    expect(store.status).toBe('running')
    runs[0]!.status = 'stopped'
    await vi.advanceTimersByTimeAsync(RUN_FILE_POLL_MS)
    expect(store.status).toBe('stopped')
    expect(store.stopping).toBe(false)
    expect(store.runs[0]?.status).toBe('stopped')
    // Nothing is read any more once the run has ended.
    const reads = bus.calls.filter((c) => c.route === 'training.runs').length
    await vi.advanceTimersByTimeAsync(RUN_FILE_POLL_MS * 3)
    expect(bus.calls.filter((c) => c.route === 'training.runs').length).toBe(reads)
  })

  it('shows the final evaluation’s progress, and Stop becomes “Skip evaluation”, sent once', async () => {
    const store = useTrainingStore()
    expect(await store.start(network, null)).toBe(true)
    const controls = mount(TrainControls)
    const bar = mount(TrainProgress)
    bus.emit('training.progress', progress({ batch: 2, step: 2 }))
    await flushPromises()
    const stop = () => controls.get('[data-testid="train-stop"]')
    expect(stop().text()).toBe('Stop')

    const evaluation = { split: 'test' as const, done: 2560, total: 10000 }
    bus.emit('training.progress', progress({ batch: 0, batchLoss: null, batchAccuracy: null, evaluation }))
    await flushPromises()
    expect(bar.get('[data-testid="progress-label"]').text()).toBe(
      'Evaluating the final weights on the test split: 2,560 / 10,000 images'
    )
    expect((bar.get('progress').element as HTMLProgressElement).value).toBeCloseTo(0.256)
    expect(controls.get('[data-testid="train-status"]').text()).toBe('Evaluating…')
    expect(stop().text()).toBe('Skip evaluation')

    await stop().trigger('click')
    await flushPromises()
    expect(bus.calls.filter((c) => c.route === 'training.control')).toEqual([
      { route: 'training.control', input: { runId: 'run-1', action: 'stop' } }
    ])
    expect(controls.get('[data-testid="train-status"]').text()).toBe('Skipping the evaluation…')
    expect(stop().attributes('disabled')).toBeDefined()
    controls.unmount()
    bar.unmount()
  })
})
