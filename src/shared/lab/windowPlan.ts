/*
 * Where a window (a kernel or a pooling window) goes over an input: the zeros added around it, the output
 * size and the lecture's formula with the numbers filled in, W_out = (W_in − W_f + 2P)/S + 1.
 */

/** 'valid' (no padding), 'same' (as TensorFlow and scipy pick it) or P zeros on every side. */
export type LabPadding = 'valid' | 'same' | number

export interface SidePads {
  top: number
  bottom: number
  left: number
  right: number
}

export interface WindowPlan {
  pads: SidePads
  outHeight: number
  outWidth: number
  /** "W_out = (W_in − W_f + 2P)/S + 1 = (5 − 3 + 2·0)/1 + 1 = 3", and H_out when it differs. */
  formula: string
}

export type PlanResult = { ok: true; plan: WindowPlan } | { ok: false; error: string }

export interface WindowRequest {
  inHeight: number
  inWidth: number
  windowHeight: number
  windowWidth: number
  stride: number
  padding: LabPadding
  /**
   * Where 'same' puts the odd extra zero of an even window: after (bottom/right) as TensorFlow and
   * scipy's correlate2d do, or before (top/left) as scipy's convolve2d does with its flipped kernel.
   */
  oddExtra: 'after' | 'before'
  /** "kernel" or "pooling window", for messages. */
  windowName: string
}

const MINUS = '\u2212'

/** Zeros on each side of one axis. */
function axisPads(
  size: number,
  window: number,
  stride: number,
  padding: LabPadding,
  oddExtra: 'after' | 'before'
) {
  if (typeof padding === 'number') return [padding, padding] as const
  if (padding === 'valid') return [0, 0] as const
  const out = Math.ceil(size / stride)
  const total = Math.max((out - 1) * stride + window - size, 0)
  const small = Math.floor(total / 2)
  return oddExtra === 'after' ? ([small, total - small] as const) : ([total - small, small] as const)
}

function axisFormula(
  axis: 'H' | 'W',
  size: number,
  window: number,
  stride: number,
  before: number,
  after: number,
  out: number
): string {
  const general = `${axis}_out = (${axis}_in ${MINUS} ${axis}_f + 2P)/S + 1`
  const paddingTerm = before === after ? `2·${before}` : `${before} + ${after}`
  const numerator = `${size} ${MINUS} ${window} + ${paddingTerm}`
  const exact = (size - window + before + after) % stride === 0
  const quotient = exact ? `(${numerator})/${stride}` : `⌊(${numerator})/${stride}⌋`
  return `${general} = ${quotient} + 1 = ${out}`
}

/** The plan of a window over an input, or a sentence saying why the window does not fit. */
export function planWindow(request: WindowRequest): PlanResult {
  const { inHeight, inWidth, windowHeight, windowWidth, stride, padding, oddExtra, windowName } = request
  const [top, bottom] = axisPads(inHeight, windowHeight, stride, padding, oddExtra)
  const [left, right] = axisPads(inWidth, windowWidth, stride, padding, oddExtra)
  const paddedH = inHeight + top + bottom
  const paddedW = inWidth + left + right
  if (windowHeight > paddedH || windowWidth > paddedW) {
    const padded =
      top + bottom + left + right > 0
        ? `padded input (${paddedH}×${paddedW})`
        : `input (${inHeight}×${inWidth})`
    return {
      ok: false,
      error: `The ${windowName} (${windowHeight}×${windowWidth}) is larger than the ${padded}; use a smaller ${windowName} or more padding.`
    }
  }
  const outHeight = Math.floor((paddedH - windowHeight) / stride) + 1
  const outWidth = Math.floor((paddedW - windowWidth) / stride) + 1
  const w = axisFormula('W', inWidth, windowWidth, stride, left, right, outWidth)
  const h = axisFormula('H', inHeight, windowHeight, stride, top, bottom, outHeight)
  const sameAxes = inHeight === inWidth && windowHeight === windowWidth && top === left && bottom === right
  return {
    ok: true,
    plan: { pads: { top, bottom, left, right }, outHeight, outWidth, formula: sameAxes ? w : `${w}; ${h}` }
  }
}
