import { parentPort } from 'node:worker_threads'
import type { TrainingProgress } from '../../../shared/training'
import { resumeTraining, startTraining, type TrainingRun } from './trainingRun'
import type { HostToWorker, WorkerToHost } from './workerMessages'

/**
 * The training thread: it owns tfjs (loaded in no other thread, since tfjs-node cannot be loaded twice in
 * one process) and runs one Trainer at a time, so the engine's main thread stays free to answer the UI.
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

port.on('message', (message: HostToWorker) => {
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
