/**
 * Seeded randomness for augmentation. Every draw is keyed by (seed, sample index, epoch, op position, purpose),
 * never by a running generator, so a sample's augmentation does not depend on which batch it lands in, on
 * the batch size, on the backend, or on how many other samples were augmented before it.
 */

/** Which stream of an op: its parameters (applies?, angle, …) or its per-pixel noise. */
export const STREAM_PARAMS = 1
export const STREAM_PIXELS = 2

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r))
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51)
  k = rotl(k, 15)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = rotl(h, 13)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

/** murmur3-style hash of integers (each folded to two 32-bit words, so seeds up to 2^53 stay distinct). */
export function hashKey(...parts: readonly number[]): number {
  let h = 0x2545f491
  for (const part of parts) {
    const whole = Math.trunc(part)
    h = mixWord(h, whole >>> 0)
    h = mixWord(h, Math.floor(whole / 4294967296) | 0)
  }
  h ^= parts.length * 8
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** mulberry32: tiny, fast and good enough for image noise; returns floats in [0, 1). */
export function createRandom(seed32: number): () => number {
  let state = seed32 >>> 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SampleKey {
  seed: number
  index: number
  epoch: number
}

/** The generator for one op of one sample; `opPosition` is the op's place in the spec's list. */
export function opRandom(key: SampleKey, opPosition: number, stream: number): () => number {
  return createRandom(hashKey(key.seed, key.index, key.epoch, opPosition, stream))
}

/** Uniform in [lo, hi]; `lo` exactly when the range is a single value. */
export function uniform(random: () => number, lo: number, hi: number): number {
  return hi === lo ? lo : lo + (hi - lo) * random()
}
