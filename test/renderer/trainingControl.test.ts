// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import TrainControls from '../../src/renderer/src/components/train/TrainControls.vue'
import TrainProgress from '../../src/renderer/src/components/train/TrainProgress.vue'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { fakeTrainingEngine, network, progress, runJson } from './trainingEngineFake'

const { bus, started } = fakeTrainingEngine()

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
    expect(store.shown).toBe('pausing')
    expect(bus.calls.at(-1)).toEqual({
      route: 'training.control',
      input: { runId: 'run-1', action: 'pause' }
    })
    bus.emit('training.progress', progress({ batch: 2, state: 'paused' }))
    expect(store.shown).toBe('paused')
    await store.control('resume')
    expect(store.shown).toBe('resuming')
    bus.emit('training.progress', progress({ batch: 2, state: 'running' }))
    expect(store.shown).toBe('running')
    // The room closes while the run trains: its events still arrive.
    release()
    expect(bus.listenerCount('training.progress')).toBe(1)
    bus.emit('training.progress', progress({ epoch: 2, batch: 4 }))
    bus.emit('training.run', runJson('run-1', 'completed', started[0]!.settings))
    expect(store.status).toBe('completed')
    expect(bus.listenerCount('training.progress')).toBe(0)
  })

  it('shows “Pausing…” until the run has paused, through the events of the batches before the pause', async () => {
    const store = useTrainingStore()
    await store.start(network, null)
    const controls = mount(TrainControls)
    const button = (name: string) => controls.get(`[data-testid="train-${name}"]`)
    const statusText = () => controls.get('[data-testid="train-status"]').text()
    bus.emit('training.progress', progress({ batch: 1 }))
    await flushPromises()
    await button('pause').trigger('click')
    await flushPromises()
    expect(statusText()).toBe('Pausing…')
    // Batches already under way still report running; neither the status nor the buttons flicker back.
    bus.emit('training.progress', progress({ batch: 2 }))
    bus.emit('training.run', runJson('run-1', 'running', started[0]!.settings))
    await flushPromises()
    expect(statusText()).toBe('Pausing…')
    expect(button('pause').attributes('disabled')).toBeDefined()
    expect(button('resume').attributes('disabled')).toBeUndefined()
    bus.emit('training.progress', progress({ batch: 3, state: 'paused' }))
    await flushPromises()
    expect(statusText()).toBe('Paused')

    await button('resume').trigger('click')
    await flushPromises()
    expect(statusText()).toBe('Resuming…')
    bus.emit('training.progress', progress({ batch: 3, state: 'paused' }))
    await flushPromises()
    expect(statusText()).toBe('Resuming…')
    bus.emit('training.progress', progress({ batch: 4 }))
    await flushPromises()
    expect(statusText()).toBe('Training')
    expect(bus.calls.filter((c) => c.route === 'training.control').map((c) => c.input)).toEqual([
      { runId: 'run-1', action: 'pause' },
      { runId: 'run-1', action: 'resume' }
    ])

    // A pause asked for as the run ends is settled by its end.
    await button('pause').trigger('click')
    bus.emit('training.run', runJson('run-1', 'completed', started[0]!.settings))
    await flushPromises()
    expect(statusText()).toBe('Completed')
    controls.unmount()
  })

  it('learns that a run has ended from the engine’s run events alone (a stop, a crashed thread)', async () => {
    const store = useTrainingStore()
    await store.ensureRuns()
    await store.start(network, null)
    const settings = started[0]!.settings
    bus.emit('training.run', runJson('run-1', 'running', settings))
    bus.emit('training.progress', progress({ batch: 2 }))
    await store.control('stop')
    expect(store.stopping).toBe(true)
    expect(store.active).toBe(true)
    expect(store.status).toBe('running')
    bus.emit('training.run', {
      ...runJson('run-1', 'stopped', settings),
      updatedAt: '2025-01-01T10:02:00.000Z'
    })
    expect(store.status).toBe('stopped')
    expect(store.stopping).toBe(false)
    const statusOf = () => Object.fromEntries(store.runs.map((r) => [r.id, r.status]))
    expect(statusOf()['run-1']).toBe('stopped')
    // The list was read once; the run's changes came as events.
    expect(bus.calls.filter((c) => c.route === 'training.runs')).toHaveLength(1)

    // A training thread that dies takes its run with it: the engine says so, with the reason.
    bus.emit('training.run', runJson('run-2', 'running', settings))
    bus.emit('training.progress', progress({ runId: 'run-2', batch: 1 }))
    expect(store.progress?.runId).toBe('run-2')
    expect(store.runId).toBe('run-2')
    bus.emit('training.run', {
      ...runJson('run-2', 'interrupted', settings),
      error: 'The training thread ended unexpectedly (exit code 1).'
    })
    expect(store.status).toBe('interrupted')
    expect(store.messages).toContain('The training thread ended unexpectedly (exit code 1).')
    expect(statusOf()).toEqual({ 'run-2': 'interrupted', 'run-1': 'stopped', 'run-0': 'completed' })
    expect(bus.calls.filter((c) => c.route === 'training.runs')).toHaveLength(1)
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
