// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defaultTrainingSettings } from '../../src/shared/training'
import { MAX_BATCH_POINTS } from '../../src/renderer/src/domain/train/curveSeries'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { fakeTrainingEngine, network, progress } from './trainingEngineFake'

const { bus, started } = fakeTrainingEngine()

describe('the training store’s curves', () => {
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
})
