import { parentPort } from 'node:worker_threads'
import type { TrainingProgress } from '../../../shared/training'
import { summarizeBackendChoice } from '../backend/selectBackend'
import { isBackendName, trainingBackend } from './trainingBackend'
import { resumeTraining, startTraining, type TrainingRun } from './trainingRun'
import type { HostToWorker, WorkerToHost } from './workerMessages'

/**
 * The training thread: it runs one Trainer at a time, so the engine's main thread stays free to answer the
 * UI, and it is the only thread that may load tfjs-node (which cannot be loaded by two threads of one
 * process); the main thread's own tfjs work (previews, predictions) uses wasm or cpu (computeBackend).
 */
const port = parentPort
if (!port) throw new Error('trainingWorker must be started as a worker thread (see TrainingHost).')

const runs = new Map<string, TrainingRun>()

function send(message: WorkerToHost): void {
  port?.postMessage(message)
}

async function begin(message: Extract<HostToWorker, { type: 'start' | 'resume-run' }>): Promise<void> {
  const onProgress = (progress: TrainingProgress): void => send({ type: 'progress', progress })
  try {
    const run =
      message.type === 'start'
        ? await startTraining({ ...message.request, onProgress })
        : await resumeTraining(message.request.runDir, message.request.data, {
            onProgress,
            ...(message.request.backend ? { backend: message.request.backend } : {})
          })
    runs.set(run.runId, run)
    send({ type: 'started', requestId: message.requestId, runId: run.runId, runDir: run.runDir })
    const final = await run.done
    runs.delete(run.runId)
    send({ type: 'finished', runId: run.runId, run: final })
  } catch (error) {
    send({
      type: 'start-failed',
      requestId: message.requestId,
      message: error instanceof Error ? error.message : String(error)
    })
  }
}

/** The backend new runs get by default (CNN_WORKBENCH_BACKEND may force one), chosen here where they train. */
async function describeBackend(requestId: number): Promise<void> {
  const forced = process.env.CNN_WORKBENCH_BACKEND
  try {
    const choice = await trainingBackend(forced !== undefined && isBackendName(forced) ? forced : undefined)
    send({ type: 'backend', requestId, summary: summarizeBackendChoice(choice) })
  } catch (error) {
    send({
      type: 'backend-failed',
      requestId,
      message: error instanceof Error ? error.message : String(error)
    })
  }
}

port.on('message', (message: HostToWorker) => {
  if (message.type === 'backend') {
    void describeBackend(message.requestId)
    return
  }
  if (message.type === 'control') {
    const run = runs.get(message.runId)
    if (message.action === 'pause') run?.pause()
    else if (message.action === 'resume') run?.resume()
    else run?.stop()
    return
  }
  void begin(message)
})

send({ type: 'ready' })
