import * as tf from '@tensorflow/tfjs'

/**
 * A plain-JavaScript twin of tf.image.transform (bilinear, TensorFlow's ImageProjectiveTransform semantics),
 * for the one case a backend gets wrong: tfjs 4.22's wasm kernel compares a float with a negated unsigned
 * length in its "reflect" mapping, so every coordinate left of or above the image reads the far edge instead
 * of its mirror. Same inputs and outputs as tf.image.transform with c0 = c1 = 0.
 */

/** Reflect about the edge of the last pixel: (d c b a | a b c d | d c b a). */
function reflect(coord: number, len: number): number {
  if (len <= 1) return 0
  const period = 2 * len
  let c = coord % period
  if (c < 0) c += period
  if (c >= len) c = period - c - 1
  return Math.min(Math.max(c, 0), len - 1)
}

function mapCoord(coord: number, len: number, mode: 'constant' | 'nearest' | 'reflect'): number {
  if (mode === 'reflect') return reflect(coord, len)
  if (mode === 'nearest') return Math.min(Math.max(coord, 0), len - 1)
  return coord
}

export function resampleInJs(
  images: tf.Tensor4D,
  transforms: readonly (readonly number[])[],
  mode: 'constant' | 'nearest' | 'reflect',
  fillValue: number
): tf.Tensor4D {
  const [n, h, w, c] = images.shape
  const src = images.dataSync()
  const out = new Float32Array(src.length)
  const read = (base: number, y: number, x: number, ch: number): number =>
    y >= 0 && y < h && x >= 0 && x < w ? (src[base + (y * w + x) * c + ch] ?? 0) : fillValue
  for (let b = 0; b < n; b++) {
    const t = transforms[b] ?? []
    const [a0 = 1, a1 = 0, a2 = 0, b0 = 0, b1 = 1, b2 = 0] = t
    const base = b * h * w * c
    for (let oy = 0; oy < h; oy++) {
      for (let ox = 0; ox < w; ox++) {
        const x = mapCoord(a0 * ox + a1 * oy + a2, w, mode)
        const y = mapCoord(b0 * ox + b1 * oy + b2, h, mode)
        const x0 = Math.floor(x)
        const y0 = Math.floor(y)
        const fx = x - x0
        const fy = y - y0
        for (let ch = 0; ch < c; ch++) {
          const top = (1 - fx) * read(base, y0, x0, ch) + fx * read(base, y0, x0 + 1, ch)
          const bottom = (1 - fx) * read(base, y0 + 1, x0, ch) + fx * read(base, y0 + 1, x0 + 1, ch)
          out[base + (oy * w + ox) * c + ch] = (1 - fy) * top + fy * bottom
        }
      }
    }
  }
  return tf.tensor4d(out, images.shape)
}
