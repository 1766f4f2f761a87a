import * as tf from '@tensorflow/tfjs'

/**
 * A plain-JavaScript twin of tf.image.transform (TensorFlow's ImageProjectiveTransform semantics, c0 = c1
 * = 0), for what tfjs cannot do:
 *  - bicubic interpolation (tfjs offers nearest and bilinear only): Keys' cubic convolution with a = −0.5,
 *    as PIL's BICUBIC and TensorFlow's bicubic resize, clipped to [0, 1] since it overshoots at edges;
 *  - the one case a backend gets wrong: tfjs 4.22's wasm kernel compares a float with a negated unsigned
 *    length in its "reflect" mapping, so every coordinate left of or above the image reads the far edge
 *    instead of its mirror.
 * The output may be larger than the input (rotate's expand).
 */

export type FillModeName = 'constant' | 'nearest' | 'reflect'

export interface ResampleOptions {
  interpolation: 'bilinear' | 'bicubic'
  /** Output size; default the input's. */
  outHeight?: number
  outWidth?: number
}

/** Reflect about the edge of the last pixel: (d c b a | a b c d | d c b a). */
function reflect(coord: number, len: number): number {
  if (len <= 1) return 0
  const period = 2 * len
  let c = coord % period
  if (c < 0) c += period
  if (c >= len) c = period - c - 1
  return Math.min(Math.max(c, 0), len - 1)
}

function mapCoord(coord: number, len: number, mode: FillModeName): number {
  if (mode === 'reflect') return reflect(coord, len)
  if (mode === 'nearest') return Math.min(Math.max(coord, 0), len - 1)
  return coord
}

/** Keys' cubic convolution weight at distance t (a = −0.5). */
function cubic(t: number): number {
  const x = t < 0 ? -t : t
  if (x <= 1) return (1.5 * x - 2.5) * x * x + 1
  if (x < 2) return ((-0.5 * x + 2.5) * x - 4) * x + 2
  return 0
}

export function resampleInJs(
  images: tf.Tensor4D,
  transforms: readonly (readonly number[])[],
  mode: FillModeName,
  fillValue: number,
  options: ResampleOptions = { interpolation: 'bilinear' }
): tf.Tensor4D {
  const [n, h, w, c] = images.shape
  const outH = options.outHeight ?? h
  const outW = options.outWidth ?? w
  const bicubic = options.interpolation === 'bicubic'
  const src = images.dataSync()
  const out = new Float32Array(n * outH * outW * c)
  const wx = new Float64Array(4)
  const wy = new Float64Array(4)
  const rows = new Int32Array(4)
  const cols = new Int32Array(4)
  // A tap outside the picture: the fill for "constant"; for edge and reflect the coordinate is mapped, so
  // bicubic's outer taps (which bilinear never reads) are mapped the same way.
  const tap = (len: number, i: number): number =>
    mode === 'constant' || !bicubic ? i : Math.round(mapCoord(i, len, mode))
  const read = (base: number, y: number, x: number, ch: number): number => {
    const yy = tap(h, y)
    const xx = tap(w, x)
    return yy >= 0 && yy < h && xx >= 0 && xx < w ? (src[base + (yy * w + xx) * c + ch] ?? 0) : fillValue
  }
  for (let b = 0; b < n; b++) {
    const [a0 = 1, a1 = 0, a2 = 0, b0 = 0, b1 = 1, b2 = 0] = transforms[b] ?? []
    const base = b * h * w * c
    const outBase = b * outH * outW * c
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        const x = mapCoord(a0 * ox + a1 * oy + a2, w, mode)
        const y = mapCoord(b0 * ox + b1 * oy + b2, h, mode)
        const x0 = Math.floor(x)
        const y0 = Math.floor(y)
        const fx = x - x0
        const fy = y - y0
        const at = outBase + (oy * outW + ox) * c
        if (bicubic) {
          for (let k = 0; k < 4; k++) {
            wx[k] = cubic(fx - (k - 1))
            wy[k] = cubic(fy - (k - 1))
            // Tap rows and columns; -1 marks one outside the picture, read as the fill.
            const tx = tap(w, x0 + k - 1)
            const ty = tap(h, y0 + k - 1)
            cols[k] = tx >= 0 && tx < w ? tx * c : -1
            rows[k] = ty >= 0 && ty < h ? base + ty * w * c : -1
          }
          for (let ch = 0; ch < c; ch++) {
            let sum = 0
            for (let i = 0; i < 4; i++) {
              const r = rows[i]!
              let row = 0
              for (let j = 0; j < 4; j++) {
                const col = cols[j]!
                row += wx[j]! * (r < 0 || col < 0 ? fillValue : src[r + col + ch]!)
              }
              sum += wy[i]! * row
            }
            out[at + ch] = sum < 0 ? 0 : sum > 1 ? 1 : sum
          }
          continue
        }
        for (let ch = 0; ch < c; ch++) {
          const top = (1 - fx) * read(base, y0, x0, ch) + fx * read(base, y0, x0 + 1, ch)
          const bottom = (1 - fx) * read(base, y0 + 1, x0, ch) + fx * read(base, y0 + 1, x0 + 1, ch)
          out[at + ch] = (1 - fy) * top + fy * bottom
        }
      }
    }
  }
  return tf.tensor4d(out, [n, outH, outW, c])
}
