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
  return betweenCentres(l00, l01, l10, l11, { x: cx, y: cy }, { x: cx, y: cy })
}

/** A 2×2 linear map from an output canvas to an input canvas of another size: p_in = c_in + L·(p_out − c_out). */
function betweenCentres(
  l00: number,
  l01: number,
  l10: number,
  l11: number,
  cIn: { x: number; y: number },
  cOut: { x: number; y: number }
): Matrix {
  return [l00, l01, cIn.x - l00 * cOut.x - l01 * cOut.y, l10, l11, cIn.y - l10 * cOut.x - l11 * cOut.y]
}

/**
 * The size of a picture turned by `degrees` with its canvas grown to hold it all, as
 * scipy.ndimage.rotate(reshape=True) computes it from the turned corners.
 */
export function expandedSize(
  height: number,
  width: number,
  degrees: number
): { height: number; width: number } {
  const [c, s] = cosSinDegrees(degrees)
  return {
    height: Math.floor(Math.abs(c) * height + Math.abs(s) * width + 0.5),
    width: Math.floor(Math.abs(s) * height + Math.abs(c) * width + 0.5)
  }
}

interface Canvas {
  height: number
  width: number
}

const centre = (c: Canvas) => ({ x: (c.width - 1) / 2, y: (c.height - 1) / 2 })

/** The output-to-input map of one op alone on a canvas, the canvas after it, or null when the op does not move pixels. */
function inverseOf(op: DrawnOp, canvas: Canvas): { step: Matrix; canvas: Canvas } | null {
  const { x: cx, y: cy } = centre(canvas)
  switch (op.type) {
    case 'flip':
      return { step: aboutCentre(op.horizontal ? -1 : 1, 0, 0, op.vertical ? -1 : 1, cx, cy), canvas }
    case 'rotate': {
      // Forward (counter-clockwise on screen, y down): x' = c·x + s·y, y' = −s·x + c·y. Inverse: turn back.
      const [c, s] = cosSinDegrees(op.degrees)
      if (!op.expand) return { step: aboutCentre(c, -s, s, c, cx, cy), canvas }
      const grown = expandedSize(canvas.height, canvas.width, op.degrees)
      return { step: betweenCentres(c, -s, s, c, centre(canvas), centre(grown)), canvas: grown }
    }
    case 'shift':
      return { step: [1, 0, -op.x, 0, 1, -op.y], canvas }
    case 'scale':
      return { step: aboutCentre(1 / op.factor, 0, 0, 1 / op.factor, cx, cy), canvas }
    default:
      return null
  }
}

/** One sample's geometric resampling: the transform (null: identity) and the size of its output. */
export interface SampleGeometry {
  transform: number[] | null
  height: number
  width: number
}

/**
 * The 8-number transform for one sample and the output size: the input's size, unless a rotate with
 * `expand` grew the canvas (later ops then work on the grown canvas, about its centre).
 */
export function sampleGeometry(ops: readonly DrawnOp[], height: number, width: number): SampleGeometry {
  let canvas: Canvas = { height, width }
  let inverse: Matrix | null = null
  for (const op of ops) {
    const found = inverseOf(op, canvas)
    if (!found) continue
    inverse = multiply(inverse ?? IDENTITY, found.step)
    canvas = found.canvas
  }
  return { transform: inverse ? [...inverse, 0, 0] : null, ...canvas }
}

/** The 8-number transform for one sample, or null when no geometric op was applied (identity). */
export function sampleTransform(ops: readonly DrawnOp[], height: number, width: number): number[] | null {
  return sampleGeometry(ops, height, width).transform
}

export const IDENTITY_TRANSFORM: readonly number[] = [1, 0, 0, 0, 1, 0, 0, 0]
