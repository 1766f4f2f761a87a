import type { WindowCell } from '../../../../shared/lab'

const MINUS = '\u2212'

/** A number as the Lab shows it: up to 4 decimals, a real minus sign, no trailing zeros. */
export function formatLabNumber(value: number): string {
  const rounded = Number(value.toFixed(4))
  const text = String(Math.abs(rounded))
  return rounded < 0 ? `${MINUS}${text}` : text
}

/** A factor in a written-out sum: negative numbers in brackets, as on a blackboard. */
export const factor = (value: number): string =>
  value < 0 ? `(${formatLabNumber(value)})` : formatLabNumber(value)

/**
 * What one output cell adds up, written out: "0 + 0 + 1 + … = 3" for a convolution, "max(1, 2, 5, 6) = 6"
 * or "(1 + 2 + 5 + 6)/4 = 3.5" for pooling (padding, shown as null, never counts).
 */
export function cellExpression(cell: WindowCell, kind: 'conv' | 'max' | 'avg'): string {
  const values = cell.values.flat().filter((v): v is number => v !== null)
  const result = formatLabNumber(cell.result)
  if (kind === 'max') return `max(${values.map(formatLabNumber).join(', ')}) = ${result}`
  const sum = values
    .map((v, i) =>
      i === 0 ? formatLabNumber(v) : v < 0 ? `${MINUS} ${formatLabNumber(-v)}` : `+ ${formatLabNumber(v)}`
    )
    .join(' ')
  return kind === 'avg' ? `(${sum})/${values.length} = ${result}` : `${sum} = ${result}`
}

/** float32 values from the base64 text the contract carries them in. */
export function decodeFloats(b64: string): Float32Array {
  const bin = atob(b64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return new Float32Array(bytes.buffer)
}
