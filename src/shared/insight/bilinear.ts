/**
 * Bilinear resampling of a [h, w] map to [outH, outW] with pixel centres aligned (as
 * tf.image.resizeBilinear with halfPixelCenters): only for showing a coarse map over its image; the
 * computed map itself is never resampled.
 */
export function resizeBilinear(
  values: ArrayLike<number>,
  [h, w]: readonly [number, number],
  [outH, outW]: readonly [number, number]
): Float32Array {
  const out = new Float32Array(outH * outW)
  const at = (y: number, x: number): number => values[y * w + x] ?? 0
  for (let Y = 0; Y < outH; Y++) {
    const sy = Math.min(h - 1, Math.max(0, ((Y + 0.5) * h) / outH - 0.5))
    const y0 = Math.floor(sy)
    const y1 = Math.min(h - 1, y0 + 1)
    const fy = sy - y0
    for (let X = 0; X < outW; X++) {
      const sx = Math.min(w - 1, Math.max(0, ((X + 0.5) * w) / outW - 0.5))
      const x0 = Math.floor(sx)
      const x1 = Math.min(w - 1, x0 + 1)
      const fx = sx - x0
      const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx
      const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx
      out[Y * outW + X] = top * (1 - fy) + bottom * fy
    }
  }
  return out
}
