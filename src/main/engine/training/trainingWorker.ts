import path from 'node:path'
import { parentPort } from 'node:worker_threads'
import { createRpcEndpoint, routeAnswerer } from '../../../shared/rpc'
import type { RunJson } from '../../../shared/training'
import { summarizeBackendChoice } from '../backend/selectBackend'
import { isBackendName, trainingBackend } from './trainingBackend'
import { resumeTraining, startTraining, type TrainingHooks, type TrainingRun } from './trainingRun'
import type { StartedRun, WorkerEvents, WorkerRoutes } from './workerMessages'

/**
 * The training thread: it runs one Trainer at a time, so the engine's main thread stays free to answer the
 * UI, and it is the only thread that may load tfjs-node (which cannot be loaded by two threads of one
 * process); the main thread's own tfjs work (previews, predictions) uses wasm or cpu (mainThreadBackend).
 */
const port = parentPort
if (!port) throw new Error('trainingWorker must be started as a worker thread (see TrainingHost).')

/** The run being trained, by its folder; null while it is still starting. */
const training = new Map<string, TrainingRun | null>()
/** Each run's record as last reported, so a run whose end cannot be written still reports how it ended. */
const records = new Map<string, RunJson>()

function push<E extends keyof WorkerEvents>(event: E, payload: WorkerEvents[E]): void {
  channel.emit(event, payload)
}

const hooks: TrainingHooks = {
  onProgress: (progress) => push('progress', progress),
  onRunChange: (run) => {
    records.set(run.id, run)
    push('run', run)
  }
}

/** Starts one run (refused while another trains) and keeps it until it ends. */
async function begin(runDir: string, launch: () => Promise<TrainingRun>): Promise<StartedRun> {
  if (training.size > 0) throw new Error('A run is already training; stop it or wait for it to end.')
  const dir = path.resolve(runDir)
  training.set(dir, null)
  let run: TrainingRun
  try {
    run = await launch()
  } catch (error) {
    training.delete(dir)
    // A run.json already written says 'running'; it reads back as interrupted, and the event says so now.
    for (const last of records.values())
      push('run', { ...last, status: 'interrupted', error: messageOf(error) })
    records.clear()
    throw error
  }
  training.set(dir, run)
  run.done
    .catch((error: unknown) => {
      const last = records.get(run.runId)
      if (last) push('run', { ...last, status: 'interrupted', error: messageOf(error) })
    })
    .finally(() => {
      training.delete(dir)
      records.delete(run.runId)
    })
  return { runId: run.runId, runDir: run.runDir }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const runWithId = (runId: string): TrainingRun | undefined =>
  [...training.values()].find((run) => run?.runId === runId) ?? undefined

const channel = createRpcEndpoint({
  send: (message) => port.postMessage(message),
  answer: routeAnswerer<WorkerRoutes>({
    start: (request) => begin(request.runDir, () => startTraining({ ...request, ...hooks })),
    resume: ({ runDir, data, backend }) =>
      begin(runDir, () => resumeTraining(runDir, data, { ...hooks, ...(backend ? { backend } : {}) })),
    control: async ({ runId, action }) => {
      const run = runWithId(runId)
      run?.[action]()
      return { known: run !== undefined }
    },
    // The backend new runs get by default (CNN_WORKBENCH_BACKEND may force one), chosen here where they train.
    backend: async () => {
      const forced = process.env.CNN_WORKBENCH_BACKEND
      const choice = await trainingBackend(forced !== undefined && isBackendName(forced) ? forced : undefined)
      return summarizeBackendChoice(choice)
    }
  })
})
port.on('message', (message: unknown) => channel.receive(message))
