import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { expect, it } from 'vitest'
import { TRAINING_SEMI_SPACE_MB } from '../../../scripts/trainingHeap.mjs'
import { startWorker } from '../../../src/main/engine/training/trainingWorkerStart'

const MiB = 2 ** 20
const fixture = new URL('./children/youngGeneration.mjs', import.meta.url)

async function largestYoungGeneration(worker: Worker): Promise<number> {
  const [largest] = (await once(worker, 'message')) as [number]
  await worker.terminate()
  return largest
}

it("the training thread's young generation grows to two 32 MB semi-spaces, where V8's default stops at 16", async () => {
  const training = await largestYoungGeneration(startWorker({ workerUrl: fixture }))
  const plain = await largestYoungGeneration(new Worker(fixture))
  expect(training).toBeGreaterThanOrEqual(2 * TRAINING_SEMI_SPACE_MB * MiB)
  expect(plain).toBeLessThan(2 * TRAINING_SEMI_SPACE_MB * MiB)
}, 60_000)
