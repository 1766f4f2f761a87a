import type { SplitFractions } from '../../../shared/datasetSchemas'
import { mulberry32, shuffleInPlace } from './seededRandom'

export const DEFAULT_SPLIT: SplitFractions = { train: 0.8, val: 0.1, test: 0.1 }
export const DEFAULT_SEED = 42

export interface SplitIndexes {
  train: Int32Array
  val: Int32Array
  test: Int32Array
}

/** How many of a class's n images go to val and test; classes of ≥ 3 get one in every non-zero split. */
function splitCounts(n: number, fractions: SplitFractions): { val: number; test: number } {
  let val = Math.round(n * fractions.val)
  let test = Math.round(n * fractions.test)
  if (n >= 3) {
    if (fractions.val > 0 && val === 0) val = 1
    if (fractions.test > 0 && test === 0) test = 1
  }
  // Training keeps at least one image whenever it is asked for.
  while (fractions.train > 0 && n - val - test < 1 && val + test > 0) {
    if (val >= test) val--
    else test--
  }
  while (val + test > n) {
    if (val >= test) val--
    else test--
  }
  return { val, test }
}

/**
 * Seeded stratified split: each class is shuffled with its own seeded generator, so the same
 * seed gives the same split and a class's split does not depend on the other classes.
 */
export function splitStratified(
  indexes: ArrayLike<number>,
  labels: ArrayLike<number>,
  fractions: SplitFractions,
  seed: number
): SplitIndexes {
  const byClass = new Map<number, number[]>()
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number
    const label = labels[index] as number
    const list = byClass.get(label)
    if (list) list.push(index)
    else byClass.set(label, [index])
  }
  const train: number[] = []
  const val: number[] = []
  const test: number[] = []
  for (const [label, members] of byClass) {
    shuffleInPlace(members, mulberry32((seed ^ Math.imul(label + 1, 0x9e3779b1)) >>> 0))
    const counts = splitCounts(members.length, fractions)
    members.forEach((index, i) => {
      if (i < counts.test) test.push(index)
      else if (i < counts.test + counts.val) val.push(index)
      else train.push(index)
    })
  }
  const sorted = (list: number[]) => Int32Array.from(list).sort()
  return { train: sorted(train), val: sorted(val), test: sorted(test) }
}

/** Concatenates index lists (e.g. folder-given test plus a seeded val carved from train). */
export function mergeIndexes(...lists: ArrayLike<number>[]): Int32Array {
  const out: number[] = []
  for (const list of lists) for (let i = 0; i < list.length; i++) out.push(list[i] as number)
  return Int32Array.from(out).sort()
}
