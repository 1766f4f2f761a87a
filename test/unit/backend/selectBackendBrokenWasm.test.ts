import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'

// A wasm backend pointed at a folder without its binaries cannot be retried in the same
// process, which is why this case has a file (and so a process) of its own.
it('reports why the wasm backend failed to initialise and falls through to cpu', async () => {
  const choice = await selectBackend({
    loaders: {
      wasm: async () => {
        const wasm = await import('@tensorflow/tfjs-backend-wasm')
        wasm.setWasmPaths('/nonexistent/wasm-binaries/')
      }
    }
  })

  expect(choice.name).toBe('cpu')
  expect(tf.getBackend()).toBe('cpu')
  expect(choice.attempts[2]?.reason).toBe(
    "wasm: initialisation failed: Error: ENOENT: no such file or directory, open '/nonexistent/wasm-binaries/tfjs-backend-wasm-simd.wasm'"
  )
})
