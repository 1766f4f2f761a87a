/**
 * A stand-in for the training thread: it answers which backend it loaded (STAND_IN_BACKEND), then dies
 * the way a thread dies when a native addon fails under it, with an uncaught error.
 */
import { parentPort, threadId } from 'node:worker_threads'
import type { HostToWorker, WorkerToHost } from '../../../../src/main/engine/training/workerMessages'

const name = (process.env.STAND_IN_BACKEND ?? 'tfjs-node') as 'tfjs-node' | 'wasm'
parentPort?.on('message', (message: HostToWorker) => {
  if (message.type !== 'backend') return
  const answer: WorkerToHost = {
    type: 'backend',
    requestId: message.requestId,
    summary: {
      name,
      description: `Computing on ${name} in thread ${threadId}`,
      attempts: [{ name, ok: true, ms: 1 }]
    }
  }
  parentPort?.postMessage(answer)
  setTimeout(() => {
    throw new Error('Module did not self-register (stand-in)')
  }, 10)
})
parentPort?.postMessage({ type: 'ready' } satisfies WorkerToHost)
