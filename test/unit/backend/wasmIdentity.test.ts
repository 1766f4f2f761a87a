import * as tf from '@tensorflow/tfjs'
import { beforeAll, expect, it } from 'vitest'
import { selectBackend } from '../../../src/main/engine/backend/selectBackend'

beforeAll(async () => {
  await selectBackend({ force: 'wasm' })
})

const dataIds = (): number => tf.backend().numDataIds()

it('clones on wasm without copying, and the clone outlives the original', () => {
  const before = { bytes: tf.memory().numBytes, ids: dataIds() }
  const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3])
  const b = a.clone()
  // One buffer for both (tfjs's byte count is per tensor, so the backend's buffer count is what shows it).
  expect(dataIds()).toBe(before.ids + 1)
  a.dispose()
  expect(b.shape).toEqual([2, 3])
  expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4, 5, 6])
  b.dispose()
  expect(tf.memory().numBytes).toBe(before.bytes)
  expect(dataIds()).toBe(before.ids)
})

it('keeps a clone unchanged when the original variable is assigned a new value', () => {
  const v = tf.variable(tf.tensor1d([1, 2, 3]))
  const snapshot = v.clone()
  v.assign(tf.tensor1d([7, 8, 9]))
  expect(Array.from(snapshot.dataSync())).toEqual([1, 2, 3])
  expect(Array.from(v.dataSync())).toEqual([7, 8, 9])
  tf.dispose([v, snapshot])
})

it('still clones strings and passes gradients through', () => {
  const words = tf.tensor1d(['a', 'bc'], 'string')
  const copy = words.clone()
  expect(copy.dataSync()).toEqual(['a', 'bc'])
  const x = tf.tensor1d([1, -2, 3])
  const dx = tf.grad((t: tf.Tensor) => t.clone().square().sum())(x)
  expect(Array.from(dx.dataSync())).toEqual([2, -4, 6])
  tf.dispose([words, copy, x, dx])
})
