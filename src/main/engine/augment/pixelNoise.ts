/**
 * Per-sample noise fields, generated on the CPU from the sample's own seeded stream.
 *
 * Why not tf.randomUniform / tf.randomNormal: their seeded generators run in JavaScript on every backend
 * anyway (the values are then uploaded), one call per sample would be needed to keep a sample's noise
 * independent of its batch, and their stream is an implementation detail of tfjs that may change between
 * versions. Filling a Float32Array from our own keyed generator is as fast, identical on every backend and
 * version, and makes preview and training agree to the byte.
 */

/**
 * Salt and pepper for `pixels` pixels of one sample, written at `offset`: a pixel is kept (keep 1, salt 0),
 * turned to 0 (keep 0, salt 0) with probability `amount`, or to 1 (keep 0, salt 1) with probability `amount`.
 */
export function fillSaltPepper(
  keep: Float32Array,
  salt: Float32Array,
  offset: number,
  pixels: number,
  amount: number,
  random: () => number
): void {
  const twice = 2 * amount
  for (let i = offset; i < offset + pixels; i++) {
    const u = random()
    if (u < amount) {
      keep[i] = 0
    } else if (u < twice) {
      keep[i] = 0
      salt[i] = 1
    }
  }
}

/** `count` independent N(0, sigma²) values written at `offset` (Box–Muller, two values per pair of draws). */
export function fillGaussian(
  out: Float32Array,
  offset: number,
  count: number,
  sigma: number,
  random: () => number
): void {
  const end = offset + count
  for (let i = offset; i < end; i += 2) {
    // 1 − u keeps the logarithm finite (u is in [0, 1)).
    const radius = sigma * Math.sqrt(-2 * Math.log(1 - random()))
    const angle = 2 * Math.PI * random()
    out[i] = radius * Math.cos(angle)
    if (i + 1 < end) out[i + 1] = radius * Math.sin(angle)
  }
}
