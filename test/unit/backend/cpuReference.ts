import * as tf from '@tensorflow/tfjs'

export interface Comparison {
  /** max |wasm − cpu| divided by max |cpu| over the whole result. */
  relativeError: number
  cpuShape: number[]
  wasmShape: number[]
  /** Backend buffers still alive on wasm after the result was disposed, beyond the inputs. */
  leakedBuffers: number
}

function buffersOnActiveBackend(): number {
  return tf.engine().backend.numDataIds()
}

/**
 * Runs `f` on the same numbers on the pure-JS cpu backend (the reference) and on wasm.
 * Inputs are seeded, so a failure reproduces. Leaves 'wasm' active.
 */
export async function compareWithCpu(
  shapes: number[][],
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  seed = 7
): Promise<Comparison> {
  await tf.setBackend('cpu')
  const values = shapes.map((shape, i) =>
    tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed + i).dataSync())
  )
  const cpuResult = tf.tidy(() => f(...values.map((v, i) => tf.tensor(v, shapes[i]))))
  const expected = cpuResult.dataSync()
  const cpuShape = cpuResult.shape
  cpuResult.dispose()

  await tf.setBackend('wasm')
  const inputs = values.map((v, i) => tf.tensor(v, shapes[i]))
  const before = buffersOnActiveBackend()
  const wasmResult = tf.tidy(() => f(...inputs))
  const got = wasmResult.dataSync()
  const wasmShape = wasmResult.shape
  wasmResult.dispose()
  const leakedBuffers = buffersOnActiveBackend() - before
  tf.dispose(inputs)

  let worst = 0
  let scale = 0
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((got[i] ?? NaN) - (expected[i] ?? NaN)))
    scale = Math.max(scale, Math.abs(expected[i] ?? 0))
  }
  const relativeError = got.length === expected.length ? worst / (scale || 1) : Infinity
  return { relativeError, cpuShape, wasmShape, leakedBuffers }
}
