// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import TrainControls from '../../src/renderer/src/components/train/TrainControls.vue'
import TrainProgress from '../../src/renderer/src/components/train/TrainProgress.vue'
import { RUN_FILE_POLL_MS, useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { fakeTrainingEngine, network, progress } from './trainingEngineFake'

const { bus, started, runs } = fakeTrainingEngine()

describe('starting and controlling a training run', () => {
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
