import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'

// Its own file (and so its own process): the threaded build replaces the single-threaded one
// for the rest of the process.
it('runs the multi-threaded wasm build in Node when asked for two threads', async () => {
  const createObjectURL = URL.createObjectURL

  const choice = await selectBackend({ force: 'wasm', wasmThreads: 2 })

  expect(choice.name).toBe('wasm')
  expect(choice.threads).toBe(2)
  expect(URL.createObjectURL).toBe(createObjectURL)
  // The self-check already ran on the threaded build; a product big enough to be split across
  // threads must still be right.
  const product = tf.tidy(
    () =>
      tf
        .ones([64, 256])
        .matMul(tf.ones([256, 64]))
        .mean()
        .dataSync()[0]
  )
  expect(product).toBe(256)
}, 60_000)
