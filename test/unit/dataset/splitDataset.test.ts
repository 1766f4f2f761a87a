import { describe, expect, it } from 'vitest'
import { splitStratified } from '../../../src/main/engine/dataset/splitDataset'

function labelsFor(counts: number[]): Int32Array {
  return Int32Array.from(counts.flatMap((count, label) => Array<number>(count).fill(label)))
}

describe('splitStratified', () => {
  const labels = labelsFor([100, 40, 3, 2, 1])
  const all = Int32Array.from(labels.keys())
  const fractions = { train: 0.8, val: 0.1, test: 0.1 }

  it('is a partition: every image in exactly one split', () => {
    const split = splitStratified(all, labels, fractions, 1)
    const seen = [...split.train, ...split.val, ...split.test].sort((a, b) => a - b)
    expect(seen).toEqual(Array.from(all))
  })

  it('keeps each class’s proportions and gives a class of ≥ 3 one image in every split', () => {
    const split = splitStratified(all, labels, fractions, 1)
    const count = (part: Int32Array, label: number) =>
      Array.from(part).filter((i) => labels[i] === label).length
    expect([count(split.train, 0), count(split.val, 0), count(split.test, 0)]).toEqual([80, 10, 10])
    expect([count(split.train, 1), count(split.val, 1), count(split.test, 1)]).toEqual([32, 4, 4])
    expect([count(split.train, 2), count(split.val, 2), count(split.test, 2)]).toEqual([1, 1, 1])
    expect(count(split.train, 4)).toBe(1)
  })

  it('gives the same split for the same seed and a different one for another seed', () => {
    expect(splitStratified(all, labels, fractions, 5)).toEqual(splitStratified(all, labels, fractions, 5))
    expect(splitStratified(all, labels, fractions, 5).test).not.toEqual(
      splitStratified(all, labels, fractions, 6).test
    )
  })

  it('follows edited fractions, including an empty split', () => {
    const split = splitStratified(all, labels, { train: 0.5, val: 0, test: 0.5 }, 3)
    expect(split.val.length).toBe(0)
    expect(split.test.length).toBeGreaterThan(70)
  })
})
