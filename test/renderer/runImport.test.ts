// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/shared/client'
import { createDispatcher } from '../../src/shared/dispatch'
import { defaultTrainingSettings, type MetricsLine, type RunJson } from '../../src/shared/training'
import { WorkbenchError } from '../../src/shared/workbenchError'
import { installClient } from '../../src/renderer/src/client'
import { inProcessTransport } from './inProcessTransport'
import { useTrainingStore } from '../../src/renderer/src/stores/trainingStore'
import { runJson } from './trainingEngineFake'

/*
 * The Train room's "Import a run…": the store asks the engine to import a folder, then lists the run and
 * draws its curves beside the others; a folder the engine refuses leaves its sentence on screen.
 */

const torchRun: RunJson = {
  ...runJson('20250101-120000-torch-abc', 'completed', defaultTrainingSettings({ epochs: 1 })),
  backend: { name: 'pytorch', why: 'PyTorch 2.3 on cuda, 8 processes (nccl)', attempts: [] }
}
const epoch: MetricsLine = {
  kind: 'epoch',
  epoch: 1,
  step: 10,
  trainLoss: 0.5,
  trainAccuracy: 0.8,
  valLoss: 0.6,
  valAccuracy: 0.75,
  learningRate: 0.001,
  seconds: 3
}

let runs: RunJson[]
let asked: string[]

beforeEach(() => {
  setActivePinia(createPinia())
  runs = []
  asked = []
  const dispatch = createDispatcher({
    'training.import': async ({ dir }) => {
      asked.push(dir)
      if (dir !== '/cluster/project')
        throw new WorkbenchError('bad-input', `${dir} is not a run folder: it has no run.json.`)
      runs.push(torchRun)
      return { run: torchRun, runDir: `/runs/${torchRun.id}`, alreadyThere: false }
    },
    'training.runs': async () => ({ runsDir: '/runs', runs }),
    'training.metrics': async ({ runId }) => ({ lines: runId === torchRun.id ? [epoch] : [] })
  })
  installClient(createClient(inProcessTransport(dispatch).transport))
})

describe('importing a run in the Train room', () => {
  it('lists the imported run and overlays its curves on the charts', async () => {
    const store = useTrainingStore()
    expect(await store.importRun('  /cluster/project ')).toBe(true)
    expect(asked).toEqual(['/cluster/project'])
    expect(store.imported?.id).toBe(torchRun.id)
    expect(store.runs.map((r) => r.id)).toEqual([torchRun.id])
    await expect.poll(() => store.overlayCurves.get(torchRun.id)?.valAccuracy).toEqual([{ x: 1, y: 0.75 }])
    expect(store.overlay).toEqual([torchRun.id])
    expect(store.importError).toBeNull()
  })

  it('shows why a folder cannot be imported and lists nothing new', async () => {
    const store = useTrainingStore()
    expect(await store.importRun('/data/shapes')).toBe(false)
    expect(store.importError).toBe('/data/shapes is not a run folder: it has no run.json.')
    expect(store.runs).toEqual([])
    expect(store.importing).toBe(false)
  })
})
