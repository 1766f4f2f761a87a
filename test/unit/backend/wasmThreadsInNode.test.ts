import * as tf from '@tensorflow/tfjs'
import { expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { wasmThreadsSetting } from '../../../src/main/engine/backend/computeSettings'
import { adamUpdateAvailable } from '../../../src/main/engine/backend/wasmAdamUpdate'
import { FusedAdamOptimizer } from '../../../src/main/engine/training/fusedAdam'

const run = promisify(execFile)

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

  // Adam's SIMD update runs on the threaded build's shared memory too, and gives what tfjs's Adam gives.
  expect(adamUpdateAvailable()).toBe(true)
  const [fused, stock] = [new FusedAdamOptimizer(0.01, 0.9, 0.999), tf.train.adam(0.01)].map(
    (optimizer, k) => {
      const w = tf.variable(tf.linspace(-1, 1, 4099), true, `threaded-${k}`)
      for (let step = 1; step <= 3; step++) {
        const gradient = tf.tidy(() => tf.sin(tf.linspace(0, step, 4099)))
        optimizer.applyGradients({ [w.name]: gradient } as Record<string, tf.Variable>)
        gradient.dispose()
      }
      return Array.from(w.dataSync())
    }
  )
  expect(fused).toEqual(stock)
}, 60_000)

// A command that trains or predicts with wasm threads must end on its own once its work is done,
// without an explicit process.exit(): the pool's idle workers must not hold Node open.
it('lets a Node process using two wasm threads end by itself', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cnn-workbench-threads-'))
  try {
    // Outside the project '@tensorflow/tfjs' does not resolve; the backend's self-check, which
    // runs on the pool, is the work done here.
    const script = join(dir, 'useThreads.mts')
    const selectBackendPath = fileURLToPath(
      new URL('../../../src/main/engine/backend/selectBackend.ts', import.meta.url)
    )
    await writeFile(
      script,
      [
        `import { selectBackend } from ${JSON.stringify(selectBackendPath)}`,
        `const choice = await selectBackend({ force: 'wasm', wasmThreads: 2 })`,
        `console.log(JSON.stringify({ name: choice.name, threads: choice.threads }))`
      ].join('\n')
    )
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    // A process held open by the pool never ends; the timeout only bounds that failure (on a shared machine
    // the start-up alone, with its kernel checks, can take tens of seconds).
    const { stdout } = await run(tsx, [script], {
      timeout: 150_000,
      cwd: fileURLToPath(new URL('../../..', import.meta.url))
    })
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({ name: 'wasm', threads: 2 })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}, 180_000)

it('trains with two wasm threads (one beside native kernels) unless CNN_WORKBENCH_WASM_THREADS says otherwise', () => {
  expect(wasmThreadsSetting({})).toBe(Math.min(2, availableParallelism()))
  expect(wasmThreadsSetting({}, true)).toBe(1)
  expect(wasmThreadsSetting({ CNN_WORKBENCH_WASM_THREADS: '2' }, true)).toBe(2)
  expect(wasmThreadsSetting({ CNN_WORKBENCH_WASM_THREADS: '1' })).toBe(1)
  expect(wasmThreadsSetting({ CNN_WORKBENCH_WASM_THREADS: '3' })).toBe(3)
  expect(wasmThreadsSetting({ CNN_WORKBENCH_WASM_THREADS: 'many' })).toBe(1)
})
