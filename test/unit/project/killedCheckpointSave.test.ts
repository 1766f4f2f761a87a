import * as tf from '@tensorflow/tfjs'
import { build } from 'esbuild'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { latestCheckpoint, loadCheckpoint } from '../../../src/main/engine/training/checkpoint'
import { smallModel, smallOptimizer } from './children/checkpointSaver'
import { killWhileWorking } from './killChild'

const KILLS = 50
const repoModules = path.resolve(import.meta.dirname, '..', '..', '..', 'node_modules')

let dir: string
let saver: string

beforeAll(async () => {
  await tf.setBackend('cpu')
  dir = await mkdtemp(path.join(os.tmpdir(), 'checkpoint-kill-'))
  saver = path.join(dir, 'checkpointSaver.cjs')
  // tfjs stays outside the bundle (found through NODE_PATH) so the children load the same one as the app.
  await build({
    entryPoints: [path.join(import.meta.dirname, 'children', 'checkpointSaver.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: saver,
    external: ['@tensorflow/tfjs'],
    logLevel: 'silent'
  })
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

const allEqual = (t: tf.Tensor, value: number): boolean =>
  Array.from(t.dataSync()).every((v) => Math.abs(v - value) < 1e-6)

it(`keeps a loadable checkpoint however its save is killed (${KILLS} SIGKILLs at random moments)`, async () => {
  const runDir = path.join(dir, 'run')
  const env = { ...process.env, NODE_PATH: repoModules }
  const epochs: number[] = []
  for (let k = 0; k < KILLS; k++) {
    const next = (epochs.at(-1) ?? 0) + 1
    await killWhileWorking([saver, runDir, String(next)], Math.random() * 30, env)
    const ref = await latestCheckpoint(runDir)
    expect(ref).not.toBeNull()
    const i = ref!.state.epochsCompleted
    expect(i).toBeGreaterThanOrEqual(next)
    const model = smallModel()
    const optimizer = smallOptimizer()
    const { bestWeights } = await loadCheckpoint(ref!, model, optimizer)
    // A whole checkpoint: the weights, the best weights and the counters all come from save i.
    expect(model.weights.every((w) => allEqual(w.read(), i))).toBe(true)
    expect(bestWeights?.every((t) => allEqual(t, i + 0.5))).toBe(true)
    expect(ref!.state.step).toBe(i * 10)
    tf.dispose(bestWeights ?? [])
    model.dispose()
    optimizer.dispose()
    epochs.push(i)
  }
}, 240_000)
