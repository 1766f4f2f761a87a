/**
 * The engine process talks to its host over Node's IPC channel with the RPC helper (src/shared/rpc):
 * contract requests and answers, contract events, and this one event when the process is ready.
 */
export const ENGINE_READY_EVENT = 'engine.ready'

/**
 * The engine exits with this code when its training thread died with tfjs-node loaded: a native addon that
 * is not context-aware cannot be loaded again by a new thread of the same process, so the host starts a
 * new engine process instead.
 */
export const EXIT_NATIVE_THREAD_LOST = 75
