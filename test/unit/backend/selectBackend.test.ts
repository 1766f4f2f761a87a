import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import type { BackendLoader } from '../../../src/main/engine/backend/backendTypes'
import { describeBackendChoice, selectBackend } from '../../../src/main/engine/backend/selectBackend'

/** A loader failing as Node does for a package that is not installed, whatever this machine has. */
const notInstalled =
  (packageName: string): BackendLoader =>
  async () => {
    throw Object.assign(new Error(`Cannot find module '${packageName}'`), { code: 'MODULE_NOT_FOUND' })
  }
/** Both native packages absent (as where libtensorflow cannot install), so the chain goes on to wasm. */
const NATIVE_ABSENT = {
  'tfjs-node-gpu': notInstalled('@tensorflow/tfjs-node-gpu'),
  'tfjs-node': notInstalled('@tensorflow/tfjs-node')
}

describe('selectBackend', () => {
  it('picks wasm and says why both native backends were skipped', async () => {
    const choice = await selectBackend({ loaders: NATIVE_ABSENT })

    expect(choice.name).toBe('wasm')
    expect(choice.tfBackend).toBe('wasm')
    expect(tf.getBackend()).toBe('wasm')
    expect(choice.attempts.map((a) => [a.name, a.ok])).toEqual([
      ['tfjs-node-gpu', false],
      ['tfjs-node', false],
      ['wasm', true]
    ])
    expect(choice.attempts[0]?.reason).toBe(
      'tfjs-node-gpu: not installed (optional dependency @tensorflow/tfjs-node-gpu is absent)'
    )
    expect(choice.attempts[1]?.reason).toBe(
      'tfjs-node: not installed (optional dependency @tensorflow/tfjs-node is absent)'
    )
    expect(choice.attempts.every((a) => a.ms >= 0)).toBe(true)
    expect(choice.threads).toBeGreaterThanOrEqual(1)
    expect(choice.simd).toBe(true)
    // The app's own SIMD kernels run on this wasm backend's memory.
    expect(choice.simdKernelsUnavailable).toBeUndefined()
    expect(describeBackendChoice(choice)).toMatch(
      /^Computing on wasm \(SIMD, \d+ threads?\); tfjs-node-gpu: not installed/
    )
  })

  it('tries only the backends it is allowed to (the engine main thread leaves tfjs-node to training)', async () => {
    const choice = await selectBackend({ only: ['wasm', 'cpu'] })
    expect(choice.name).toBe('wasm')
    expect(choice.attempts.map((a) => a.name)).toEqual(['wasm'])
    expect(describeBackendChoice(choice)).toMatch(
      /^Computing on wasm \(SIMD, 1 thread\); 10 kernel replacements checked against tfjs's cpu backend at start \(tfjs-core 4\.22\.0, tfjs-backend-wasm 4\.22\.0, tfjs-layers 4\.22\.0, onnxruntime-node 1\.30\.0, the versions its internals were checked on; 8 of 8 library internals found\)$/
    )
  })

  it('falls through to cpu when wasm fails, and reports the wasm reason', async () => {
    const choice = await selectBackend({
      loaders: {
        ...NATIVE_ABSENT,
        wasm: async () => {
          throw new Error('WebAssembly.instantiate(): out of memory')
        }
      }
    })

    expect(choice.name).toBe('cpu')
    expect(tf.getBackend()).toBe('cpu')
    expect(choice.attempts.map((a) => a.name)).toEqual(['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'])
    expect(choice.attempts[2]).toMatchObject({
      ok: false,
      reason: 'wasm: WebAssembly.instantiate(): out of memory'
    })
    expect(choice.threads).toBeUndefined()
  })

  it('reports a backend that loads but never registers itself', async () => {
    const choice = await selectBackend({ loaders: { ...NATIVE_ABSENT, 'tfjs-node': async () => {} } })

    expect(choice.attempts[1]).toMatchObject({
      name: 'tfjs-node',
      ok: false,
      reason: "tfjs-node: no 'tensorflow' backend is registered with tfjs"
    })
    expect(choice.name).toBe('wasm')
  })

  it('uses only the forced backend', async () => {
    const choice = await selectBackend({ force: 'cpu' })

    expect(choice.name).toBe('cpu')
    expect(tf.getBackend()).toBe('cpu')
    expect(choice.attempts).toHaveLength(1)
  })

  it('fails with a clear message when the forced backend cannot load', async () => {
    await expect(selectBackend({ force: 'tfjs-node', loaders: NATIVE_ABSENT })).rejects.toThrow(
      "The compute backend 'tfjs-node' was requested but cannot be used. tfjs-node: not installed (optional dependency @tensorflow/tfjs-node is absent)"
    )
  })

  it("names the app's SIMD kernels in the backend line when they cannot run", () => {
    const line = describeBackendChoice({
      name: 'wasm',
      tfBackend: 'wasm',
      attempts: [{ name: 'wasm', ok: true, ms: 1 }],
      simd: true,
      threads: 1,
      simdKernelsUnavailable: "the app's SIMD kernels could not be loaded (LinkError)"
    })
    expect(line).toBe(
      "Computing on wasm (SIMD, 1 thread); the app's SIMD kernels could not be loaded (LinkError)"
    )
  })
})
