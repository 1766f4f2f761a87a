/*
 * The colour scale of the Lab's filter outputs. The picture is in [0, 1] but a filter's output is not (it
 * is often negative), so it is drawn on a scale centred on 0 that reaches the larger of |min| and |max|:
 * blue below 0, white at 0, red above, and nothing is clipped. Shared by the Lab room's canvases and
 * legend and `cnn-workbench lab filter --out`.
 */

const NEGATIVE: readonly [number, number, number] = [33, 102, 172]
const POSITIVE: readonly [number, number, number] = [178, 24, 43]
const ZERO: readonly [number, number, number] = [247, 247, 247]

/** The value drawn at full colour on either side: max(|min|, |max|), or 1 for an all-zero map. */
export function divergingLimit(min: number, max: number): number {
  const limit = Math.max(Math.abs(min), Math.abs(max))
  return limit > 0 && Number.isFinite(limit) ? limit : 1
}

/** The colour of `value` on a scale from −limit (blue) through 0 (white) to +limit (red). */
export function divergingRgb(value: number, limit: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, value / limit))
  const end = t < 0 ? NEGATIVE : POSITIVE
  const a = Math.abs(t)
  return [0, 1, 2].map((i) => Math.round(ZERO[i]! + (end[i]! - ZERO[i]!) * a)) as [number, number, number]
}

/** A float map as RGB bytes on the diverging scale. */
export function divergingPixels(values: ArrayLike<number>, limit: number): Uint8Array {
  const out = new Uint8Array(values.length * 3)
  for (let i = 0; i < values.length; i++) out.set(divergingRgb(values[i] ?? 0, limit), i * 3)
  return out
}
