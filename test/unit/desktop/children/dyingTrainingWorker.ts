/**
 * A stand-in for the training thread: it answers which backend it loaded (STAND_IN_BACKEND), then dies
 * the way a thread dies when a native addon fails under it, with an uncaught error.
 */
import { parentPort, threadId } from 'node:worker_threads'
import { createRpcEndpoint } from '../../../../src/shared/rpc'

const name = (process.env.STAND_IN_BACKEND ?? 'tfjs-node') as 'tfjs-node' | 'wasm'
const channel = createRpcEndpoint({
  send: (message) => parentPort?.postMessage(message),
  answer: async (route) => {
    if (route !== 'backend') return { ok: false, error: { code: 'not-found', message: `No route ${route}.` } }
    setTimeout(() => {
      throw new Error('Module did not self-register (stand-in)')
    }, 10)
    const summary = {
      name,
      description: `Computing on ${name} in thread ${threadId}`,
      attempts: [{ name, ok: true, ms: 1 }]
    }
    return { ok: true, value: summary }
  }
})
parentPort?.on('message', (message: unknown) => channel.receive(message))
