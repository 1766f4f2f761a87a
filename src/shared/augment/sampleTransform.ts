import type { DrawnOp } from './drawParams'

/**
 * Composes a sample's flips, rotations, shifts and scales into one projective transform in the form
 * `tf.image.transform` takes: 8 numbers [a0, a1, a2, b0, b1, b2, c0, c1] that map an OUTPUT pixel (x, y) to
 * the INPUT point it is sampled from: x_in = a0·x + a1·y + a2, y_in = b0·x + b1·y + b2 (c0 = c1 = 0 here).
 *
 * Coordinates are pixel indices (pixel centres at integers), x to the right, y down, and the centre of the
 * image is ((W − 1)/2, (H − 1)/2). Ops apply to the picture in spec order, so the output-to-input map is
 * the product of the single inverses in that same order: inv(G1)·inv(G2)·…·inv(Gk). Each inverse is built
 * directly (never by inverting a float matrix) and right angles use exact sines, so integer shifts, 90°
 * turns, flips and power-of-two scales land on exact pixel positions and bilinear sampling copies values
 * unchanged.
 */

type Matrix = [number, number, number, number, number, number] // rows [a0 a1 a2; b0 b1 b2], last row 0 0 1

const IDENTITY: Matrix = [1, 0, 0, 0, 1, 0]

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[3],
    m[0] * n[1] + m[1] * n[4],
    m[0] * n[2] + m[1] * n[5] + m[2],
    m[3] * n[0] + m[4] * n[3],
    m[3] * n[1] + m[4] * n[4],
    m[3] * n[2] + m[4] * n[5] + m[5]
  ]
}

/** cos and sin of an angle in degrees, exact at multiples of 90°. */
export function cosSinDegrees(degrees: number): [number, number] {
  const quarter = degrees / 90
  if (Number.isInteger(quarter)) {
    const table: [number, number][] = [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1]
    ]
    return table[((quarter % 4) + 4) % 4] ?? [1, 0]
  }
  const radians = (degrees * Math.PI) / 180
  return [Math.cos(radians), Math.sin(radians)]
}

/** A 2×2 linear map about the centre (cx, cy): p_in = c + L·(p_out − c). */
function aboutCentre(l00: number, l01: number, l10: number, l11: number, cx: number, cy: number): Matrix {
  return [l00, l01, cx - l00 * cx - l01 * cy, l10, l11, cy - l10 * cx - l11 * cy]
}

/** The output-to-input map of one op alone, or null when the op does not move pixels. */
function inverseOf(op: DrawnOp, cx: number, cy: number): Matrix | null {
  switch (op.type) {
    case 'flip':
      return aboutCentre(op.horizontal ? -1 : 1, 0, 0, op.vertical ? -1 : 1, cx, cy)
    case 'rotate': {
      // Forward (counter-clockwise on screen, y down): x' = c·x + s·y, y' = −s·x + c·y. Inverse: turn back.
      const [c, s] = cosSinDegrees(op.degrees)
      return aboutCentre(c, -s, s, c, cx, cy)
    }
    case 'shift':
      return [1, 0, -op.x, 0, 1, -op.y]
    case 'scale':
      return aboutCentre(1 / op.factor, 0, 0, 1 / op.factor, cx, cy)
    default:
      return null
  }
}

/** The 8-number transform for one sample, or null when no geometric op was applied (identity). */
export function sampleTransform(ops: readonly DrawnOp[], height: number, width: number): number[] | null {
  const cx = (width - 1) / 2
  const cy = (height - 1) / 2
  let inverse: Matrix | null = null
  for (const op of ops) {
    const step = inverseOf(op, cx, cy)
    if (step) inverse = multiply(inverse ?? IDENTITY, step)
  }
  return inverse ? [...inverse, 0, 0] : null
}

export const IDENTITY_TRANSFORM: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0]
