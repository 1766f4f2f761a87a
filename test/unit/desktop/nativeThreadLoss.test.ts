import { afterEach, expect, it } from 'vitest'
import { TrainingHost } from '../../../src/main/engine/training'

const standIn = new URL('./children/dyingTrainingWorker.ts', import.meta.url)
let host: TrainingHost | null = null
afterEach(async () => {
  await host?.close()
  delete process.env.STAND_IN_BACKEND
})

/** A host over the stand-in thread; resolves `lost` when it asks for the engine process to restart. */
function hostOver(backend: 'tfjs-node' | 'wasm') {
  process.env.STAND_IN_BACKEND = backend
  let signal: (reason: string) => void = () => {}
  const lost = new Promise<string>((resolve) => (signal = resolve))
  host = new TrainingHost({ workerUrl: standIn, onNativeThreadLost: (reason) => signal(reason) })
  return { host, lost }
}

it('asks for a new engine process when the training thread dies with tfjs-node loaded', async () => {
  const { host, lost } = hostOver('tfjs-node')
  expect((await host.backend()).name).toBe('tfjs-node')
  expect(await lost).toMatch(/The training thread failed: Module did not self-register/)
})

it('only starts a new thread when the thread that died had no native addon loaded', async () => {
  const { host, lost } = hostOver('wasm')
  let asked = false
  void lost.then(() => (asked = true))
  const first = await host.backend()
  expect(first.name).toBe('wasm')
  // Once the death is handled, asking again is answered by a new thread of this same process.
  let again = first
  while (again.description === first.description) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    again = (await host.backend().catch(() => null)) ?? first
  }
  expect(again.name).toBe('wasm')
  expect(asked).toBe(false)
})
