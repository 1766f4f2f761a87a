import type { Padding } from './networkSpec'

/*
 * Output size of a sliding window along one axis, with TensorFlow's rounding:
 *   'valid' → ceil((W_in − W_f + 1)/S)  (= floor((W_in − W_f)/S) + 1)
 *   'same'  → ceil(W_in/S)
 * which is the lecture's W_out = (W_in − W_f + 2P)/S + 1 with P chosen by TensorFlow.
 */
export function windowOutputSize(inSize: number, kernel: number, stride: number, padding: Padding): number {
  if (padding === 'same') return Math.ceil(inSize / stride)
  return Math.ceil((inSize - kernel + 1) / stride)
}

/**
 * Total zero padding TensorFlow adds along one axis for 'same'; when it is odd the extra row/column
 * goes after (bottom/right).
 */
export function samePaddingTotal(inSize: number, kernel: number, stride: number): number {
  const out = Math.ceil(inSize / stride)
  return Math.max((out - 1) * stride + kernel - inSize, 0)
}

/**
 * The lecture's formula with this layer's numbers filled in, e.g.
 * "W_out = (28 − 5 + 2·2)/1 + 1 = 28 ('same' pads P = 2 on each side so that W_out = ⌈28/1⌉)".
 */
export function describeWindowAxis(
  axis: 'H' | 'W',
  inSize: number,
  kernel: number,
  stride: number,
  padding: Padding
): string {
  const out = windowOutputSize(inSize, kernel, stride, padding)
  const total = padding === 'same' ? samePaddingTotal(inSize, kernel, stride) : 0
  const paddingTerm =
    total % 2 === 0 ? `2·${total / 2}` : `${Math.floor(total / 2)} + ${Math.ceil(total / 2)}`
  const numerator = `${inSize} − ${kernel} + ${paddingTerm}`
  // The division is exact unless the window does not fit a whole number of strides; then TF drops the rest.
  const exact = (inSize - kernel + total) % stride === 0
  const quotient = exact ? `(${numerator})/${stride}` : `⌊(${numerator})/${stride}⌋`
  const formula = `${axis}_out = ${quotient} + 1 = ${out}`
  if (padding === 'valid') return `${formula} ('valid': no padding, P = 0)`
  const explain =
    total % 2 === 0
      ? `'same' pads P = ${total / 2} on each side`
      : `'same' pads ${Math.floor(total / 2)} before and ${Math.ceil(total / 2)} after`
  return `${formula} (${explain} so that ${axis}_out = ⌈${inSize}/${stride}⌉)`
}
