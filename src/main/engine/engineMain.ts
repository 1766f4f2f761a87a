import { createDispatcher } from '../../shared/dispatch'
import { createRpcEndpoint } from '../../shared/rpc'
import { createEngineHandlers } from './engineHandlers'
import { imageDecoder } from './dataset/imageDecoder'
import { ENGINE_READY_EVENT, EXIT_NATIVE_THREAD_LOST } from './engineMessages'
import { handlerErrorLog } from './handlerErrorLog'

/**
 * Entry of the engine process: one long-lived Node process that owns sharp and tfjs, so heavy or
 * crashing native work never freezes a window. It answers requests from its host over Node's IPC.
 */
if (!process.send) {
  console.error('The engine process must be started by the app (it talks over an IPC channel).')
  process.exit(2)
}

const dataRoot = process.env.CNN_WORKBENCH_DATA_ROOT ?? process.env.HOME ?? process.cwd()
const cacheDir = process.env.CNN_WORKBENCH_CACHE_DIR || undefined
const runsDir = process.env.CNN_WORKBENCH_RUNS_DIR || undefined
// Bundled, the training worker is a sibling file of this one; from source TrainingHost finds its .ts entry.
const trainingWorkerUrl = import.meta.url.endsWith('.js')
  ? new URL('./trainingWorker.js', import.meta.url)
  : undefined
const onNativeThreadLost = (reason: string): void => {
  console.error(`[engine] ${reason} tfjs-node was loaded there, so the engine process restarts.`)
  process.exit(EXIT_NATIVE_THREAD_LOST)
}
const channel = createRpcEndpoint({
  send: (message) => process.send?.(message),
  answer: (route, input) => dispatch(route, input)
})
const handlers = createEngineHandlers(
  { dataRoot, cacheDir, runsDir, trainingWorkerUrl, onNativeThreadLost },
  (name, payload) => channel.emit(name, payload)
)
// Decided before any image is opened, from what is mapped into this process right now.
imageDecoder()
const dispatch = createDispatcher(handlers, handlerErrorLog('engine'))
process.on('message', (message: unknown) => channel.receive(message))

// Losing the host means nobody will ever read our answers.
process.on('disconnect', () => process.exit(0))

channel.emit(ENGINE_READY_EVENT, { pid: process.pid })
