import type { DrawnOp, DrawnParams } from './drawParams'

const MINUS = '\u2212'

/** A number as a person reads it: a real minus sign, integers without decimals. */
function formatNumber(value: number, decimals: number, signed: boolean): string {
  const rounded = Number(value.toFixed(decimals))
  const text = Number.isInteger(rounded) ? String(Math.abs(rounded)) : Math.abs(rounded).toFixed(decimals)
  if (rounded < 0) return `${MINUS}${text}`
  return signed && rounded > 0 ? `+${text}` : text
}

function describeOp(op: DrawnOp): string {
  switch (op.type) {
    case 'flip':
      if (op.horizontal && op.vertical) return 'flip both'
      return op.horizontal ? 'flip horizontal' : 'flip vertical'
    case 'rotate':
      return `rotate ${formatNumber(op.degrees, 1, false)}°`
    case 'shift':
      return `shift (${formatNumber(op.x, 1, true)}, ${formatNumber(op.y, 1, true)})`
    case 'scale':
      return `scale ×${op.factor.toFixed(2)}`
    case 'saltPepper':
      return `salt & pepper ${op.amount.toFixed(2)}`
    case 'gaussianNoise':
      return `noise σ ${op.sigma.toFixed(2)}`
    case 'brightness':
      return `brightness ${formatNumber(op.delta, 2, true)}`
    case 'contrast':
      return `contrast ×${op.factor.toFixed(2)}`
  }
}

/** One line for a preview tile or a log: "rotate −23.5°, shift (+3, −1), noise σ 0.10"; "original" if none. */
export function describeParams(params: Pick<DrawnParams, 'ops'>): string {
  if (params.ops.length === 0) return 'original'
  return params.ops.map(describeOp).join(', ')
}
