import { colourOf, DIVERGING, divergingPosition } from './colourMaps'

/**
 * One channel of an HWC map as RGBA grey, black at `min` and white at `max` (all black when the map is
 * flat), so each map shows its own structure whatever its scale.
 */
export function greyMapRgba(
  values: ArrayLike<number>,
  [h, w, c]: readonly [number, number, number],
  channel: number,
  min: number,
  max: number
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(h * w * 4)
  const span = max - min
  for (let i = 0; i < h * w; i++) {
    const v = values[i * c + channel] ?? 0
    const grey = span > 0 ? ((v - min) / span) * 255 : 0
    out[i * 4] = grey
    out[i * 4 + 1] = grey
    out[i * 4 + 2] = grey
    out[i * 4 + 3] = 255
  }
  return out
}

/** The kernel's layout as tfjs keeps it: [kh, kw, in, out]. */
export type KernelShape = readonly [number, number, number, number]

const weightAt = (
  values: ArrayLike<number>,
  [, kw, cin, cout]: KernelShape,
  y: number,
  x: number,
  i: number,
  o: number
) => values[((y * kw + x) * cin + i) * cout + o] ?? 0

/**
 * Filter `o`'s weights for input channel `inChannel` as RGBA on the diverging scale ±`limit`, which every
 * filter of the layer shares, so colours compare across filters.
 */
export function filterSliceRgba(
  values: ArrayLike<number>,
  shape: KernelShape,
  o: number,
  inChannel: number,
  limit: number
): Uint8ClampedArray {
  const [kh, kw] = shape
  const out = new Uint8ClampedArray(kh * kw * 4)
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++) {
      const [r, g, b] = colourOf(
        DIVERGING,
        divergingPosition(weightAt(values, shape, y, x, inChannel, o), limit)
      )
      const p = (y * kw + x) * 4
      out[p] = r
      out[p + 1] = g
      out[p + 2] = b
      out[p + 3] = 255
    }
  return out
}

/**
 * An RGB first-layer filter in colour: each input channel's weight drives its own colour, mid-grey at
 * zero and full at ±`limit`, so the colour a filter looks for is the colour it shows.
 */
export function filterColourRgba(
  values: ArrayLike<number>,
  shape: KernelShape,
  o: number,
  limit: number
): Uint8ClampedArray {
  const [kh, kw] = shape
  const out = new Uint8ClampedArray(kh * kw * 4)
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++) {
      const p = (y * kw + x) * 4
      for (let i = 0; i < 3; i++)
        out[p + i] = divergingPosition(weightAt(values, shape, y, x, i, o), limit) * 255
      out[p + 3] = 255
    }
  return out
}

/** uint8 HWC pixels (1 or 3 channels) as opaque RGBA. */
export function pixelsRgba(
  pixels: Uint8Array,
  height: number,
  width: number,
  channels: number
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(height * width * 4)
  for (let i = 0; i < height * width; i++) {
    const o = i * channels
    out[i * 4] = pixels[o] ?? 0
    out[i * 4 + 1] = pixels[channels === 3 ? o + 1 : o] ?? 0
    out[i * 4 + 2] = pixels[channels === 3 ? o + 2 : o] ?? 0
    out[i * 4 + 3] = 255
  }
  return out
}

/** A whole-number scale that shows a map of this size about `target` pixels a side (never smaller than 1). */
export const displayScale = (height: number, width: number, target: number): number =>
  Math.max(1, Math.round(target / Math.max(height, width)))
