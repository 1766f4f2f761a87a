import * as tf from '@tensorflow/tfjs'
import { createHash } from 'node:crypto'
import { existsSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { pretendWorkerUrlAndCores, threadedWasmScripts, unrefWasmThreadPool } from './libraryInternals'

/**
 * Lets the multi-threaded wasm build run in Node. Three things stop it out of the box:
 *  1. tfjs reports no thread support when it sees Node (WASM_HAS_MULTITHREAD_SUPPORT = false);
 *  2. it hands emscripten the pthread worker script as a blob: URL, which Node's Worker refuses,
 *     and the worker in turn loads the main script from a Blob, which Node cannot import;
 *  3. the C++ side caps threads at os.cpus().length / 2 (it assumes hyper-threading), so a
 *     2-vCPU machine gets one thread whatever setThreadsCount asks for.
 * The worker script is therefore written to a file (once per content), URL.createObjectURL is
 * pointed at it while the backend initialises, and os.cpus() reports enough cores for the
 * requested count. All three patches are undone as soon as initialisation ends.
 *
 * Call the returned function after `tf.setBackend('wasm')` has settled. It also un-references the
 * thread pool's workers: they wait for work for as long as the backend lives, and referenced they
 * would keep Node running after everything else is done (a CLI command or test run that never
 * ends). Un-referenced workers still compute; they just no longer hold the event loop open.
 */
export async function prepareWasmThreadsInNode(threads: number): Promise<() => void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  const { mainScript, workerContents } = threadedWasmScripts()
  // Same escaping tfjs applies before making its blob: the minified script has newlines only
  // inside string literals.
  const workerSource =
    `URL.createObjectURL = () => ${JSON.stringify(mainScript)}; URL.revokeObjectURL = () => {};\n` +
    workerContents.replace(/\n/g, '\\n')
  const hash = createHash('sha256').update(workerSource).digest('hex').slice(0, 16)
  const workerFile = join(os.tmpdir(), `cnn-workbench-wasm-pthread-${hash}.cjs`)
  if (!existsSync(workerFile)) {
    const partial = `${workerFile}.${process.pid}.tmp`
    writeFileSync(partial, workerSource)
    renameSync(partial, workerFile)
  }
  const restore = pretendWorkerUrlAndCores(workerFile, threads * 2)
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true)
  wasm.setThreadsCount(threads)
  return () => {
    restore()
    unrefWasmThreadPool()
  }
}
