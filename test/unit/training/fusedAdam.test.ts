import * as tf from '@tensorflow/tfjs'
import { afterAll, describe, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'
import { ADAM_UPDATE } from '../../../src/main/engine/backend/wasmAdamUpdate'
import { BETA_POWER_NAMES, FusedAdamOptimizer } from '../../../src/main/engine/training/fusedAdam'
import { setLearningRate } from '../../../src/main/engine/training/optimizerFactory'

const SHAPES: Record<string, number[]> = { kernel: [40, 30], bias: [30], filter: [3, 3, 2, 4] }

function variables(prefix: string): tf.Variable[] {
  return Object.entries(SHAPES).map(([name, shape], i) =>
    tf.variable(tf.randomNormal(shape, 0, 1, 'float32', i + 1), true, `${prefix}/${name}`)
  )
}

/** Adam's applyGradients is typed to take variables; it takes any tensors (tfjs passes gradients). */
type Gradients = Record<string, tf.Variable>
type NamedWeight = Awaited<ReturnType<tf.Optimizer['getWeights']>>[number]

function gradientsFor(vars: tf.Variable[], step: number): Gradients {
  return Object.fromEntries(
    vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 0.1, 'float32', 100 * step + i + 1)])
  ) as Gradients
}

/** `steps` Adam steps on fresh variables, the learning rate lowered halfway as a schedule does. */
function train(optimizer: tf.Optimizer, prefix: string, steps: number): tf.Variable[] {
  const vars = variables(prefix)
  for (let step = 0; step < steps; step++) {
    if (step === Math.floor(steps / 2)) setLearningRate(optimizer, 0.003)
    const grads = gradientsFor(vars, step)
    optimizer.applyGradients(grads)
    tf.dispose(grads)
  }
  return vars
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor, tolerance: number): void {
  const a = actual.dataSync()
  const e = expected.dataSync()
  expect(a.length).toBe(e.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs((a[i] as number) - (e[i] as number)) / (Math.abs(e[i] as number) + 1e-3))
  }
  expect(worst).toBeLessThanOrEqual(tolerance)
}

async function expectSameAsStock(prefix: string): Promise<void> {
  const stock = tf.train.adam(0.01)
  const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999)
  const expected = train(stock, `${prefix}-stock`, 6)
  const actual = train(fused, `${prefix}-fused`, 6)
  // The same float32 operations in the same order: not close, identical.
  actual.forEach((v, i) => expectClose(v, expected[i] as tf.Variable, 0))

  const stockWeights = await stock.getWeights()
  const fusedWeights = await fused.getWeights()
  // The same weights in the same order, then β₁ᵗ and β₂ᵗ, which stock Adam keeps but does not save.
  expect(fusedWeights.map((w) => w.name.replace('-fused', ''))).toEqual([
    ...stockWeights.map((w) => w.name.replace('-stock', '')),
    ...BETA_POWER_NAMES
  ])
  stockWeights.forEach((w, i) => expectClose((fusedWeights[i] as NamedWeight).tensor, w.tensor, 0))
  const stockPowers = stock as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable }
  expectClose(fusedWeights.at(-2)!.tensor, stockPowers.accBeta1, 0)
  expectClose(fusedWeights.at(-1)!.tensor, stockPowers.accBeta2, 0)
  tf.dispose([...expected, ...actual])
  stock.dispose()
  fused.dispose()
}

afterAll(async () => {
  await selectBackend({ force: 'wasm' })
})

describe('FusedAdamOptimizer', () => {
  it('on wasm, updates weights and moments exactly as tfjs Adam does, in one kernel per variable', async () => {
    await selectBackend({ force: 'wasm' })
    await expectSameAsStock('wasm')

    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const vars = variables('profiled')
    const grads = gradientsFor(vars, 0)
    const profile = await tf.profile(() => fused.applyGradients(grads))
    expect(profile.kernels.filter((k) => k.name === ADAM_UPDATE)).toHaveLength(vars.length)
    expect(profile.kernels.some((k) => k.name === 'Sqrt')).toBe(false)
    tf.dispose([...vars, grads])
    fused.dispose()
  })

  it('leaves no tensors behind after its moments exist', async () => {
    await selectBackend({ force: 'wasm' })
    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const vars = variables('leak')
    const step = (n: number): void => {
      const grads = gradientsFor(vars, n)
      fused.applyGradients(grads)
      tf.dispose(grads)
    }
    step(0)
    const baseline = tf.memory().numTensors
    for (let n = 1; n < 5; n++) step(n)
    expect(tf.memory().numTensors).toBe(baseline)
    tf.dispose(vars)
    fused.dispose()
  })

  it('updates its moments where they are, and leaves clones of weights and moments as they were', async () => {
    await selectBackend({ force: 'wasm' })
    const step = (optimizer: tf.Optimizer, vars: tf.Variable[], n: number): void => {
      const grads = gradientsFor(vars, n)
      optimizer.applyGradients(grads)
      tf.dispose(grads)
    }
    const alone = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const expected = variables('alone')
    const fused = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const vars = variables('cloned')
    for (let n = 0; n < 2; n++) {
      step(alone, expected, n)
      step(fused, vars, n)
    }
    const moments = (await fused.getWeights()).filter((w) => /\/[mv]$/.test(w.name))
    expect(moments).toHaveLength(2 * vars.length)
    const memoryOfMoments = moments.map((w) => w.tensor.dataId)
    // A copy of the best weights so far, as early stopping keeps one, and of a moment, as a checkpoint might.
    const best = (vars[0] as tf.Variable).clone()
    const bestValues = best.dataSync().slice()
    const saved = (moments[0] as NamedWeight).tensor.clone()
    const savedValues = saved.dataSync().slice()
    for (let n = 2; n < 4; n++) {
      step(alone, expected, n)
      step(fused, vars, n)
    }
    expect(best.dataSync()).toEqual(bestValues)
    expect(saved.dataSync()).toEqual(savedValues)
    expect((vars[0] as tf.Variable).dataSync()).not.toEqual(bestValues)
    // Moments no other tensor shared were updated where they were; the cloned one moved once.
    const now = (await fused.getWeights()).filter((w) => /\/[mv]$/.test(w.name)).map((w) => w.tensor.dataId)
    expect(now.slice(1)).toEqual(memoryOfMoments.slice(1))
    expect(now[0]).not.toBe(memoryOfMoments[0])
    // In place or not, the same numbers as the run without clones.
    vars.forEach((v, i) => expectClose(v, expected[i] as tf.Variable, 0))
    tf.dispose([best, saved, ...vars, ...expected])
    alone.dispose()
    fused.dispose()
  })

  it('continues from restored moments exactly as it would have without the restore', async () => {
    await selectBackend({ force: 'wasm' })
    const straight = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const expected = train(straight, 'straight', 4)

    const first = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    const vars = variables('restored')
    for (let n = 0; n < 2; n++) {
      const grads = gradientsFor(vars, n)
      first.applyGradients(grads)
      tf.dispose(grads)
    }
    const saved = await first.getWeights()
    const second = new FusedAdamOptimizer(0.01, 0.9, 0.999)
    await second.setWeights(saved.map((w) => ({ name: w.name, tensor: w.tensor.clone() })))
    setLearningRate(second, 0.003)
    for (let n = 2; n < 4; n++) {
      const grads = gradientsFor(vars, n)
      second.applyGradients(grads)
      tf.dispose(grads)
    }
    // β₁ᵗ and β₂ᵗ are restored as saved, not recomputed as powers: the same bits as without the restore.
    vars.forEach((v, i) => expectClose(v, expected[i] as tf.Variable, 0))
    tf.dispose([...expected, ...vars])
    ;[straight, first, second].forEach((o) => o.dispose())
  })

  it('is tfjs Adam itself on a backend without the kernel (cpu)', async () => {
    await selectBackend({ force: 'cpu' })
    await expectSameAsStock('cpu')
  })
})
