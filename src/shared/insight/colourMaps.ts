import { rgb } from 'd3-color'
import { interpolateInferno, interpolateRdBu } from 'd3-scale-chromatic'

/** 256 RGB triples sampled from a d3 colour scheme; a lookup per pixel instead of parsing a CSS colour. */
type ColourTable = Uint8Array

function table(interpolate: (t: number) => string): ColourTable {
  const out = new Uint8Array(256 * 3)
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolate(i / 255))
    out[i * 3] = c.r
    out[i * 3 + 1] = c.g
    out[i * 3 + 2] = c.b
  }
  return out
}

/** Saliency and Grad-CAM: dark (nothing) to bright yellow (most), perceptually even. */
export const HEAT: ColourTable = table(interpolateInferno)

/** Filter weights: blue for negative, white for zero, red for positive (RdBu reversed). */
export const DIVERGING: ColourTable = table((t) => interpolateRdBu(1 - t))

/** The colour of `t` in [0, 1] (clamped) as [r, g, b]. */
export function colourOf(colours: ColourTable, t: number): [number, number, number] {
  const i = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255) * 3
  return [colours[i] ?? 0, colours[i + 1] ?? 0, colours[i + 2] ?? 0]
}

/** Where a weight sits on a diverging scale symmetric about zero, ±limit at the ends. */
export function divergingPosition(value: number, limit: number): number {
  return limit > 0 ? 0.5 + value / (2 * limit) : 0.5
}
