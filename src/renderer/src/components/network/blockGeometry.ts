import type { LayerKind } from '../../../../shared/network'

/*
 * The diagram follows the lecture's "CNN structure" picture: a feature map is a box whose front face
 * is its height × width and whose depth is its channel count; a flat vector is a thin bar.
 * Sizes are compressed (square root for space, logarithm for channels and units) so that a 224×224×3
 * input and a 7×7×512 map both fit on screen while bigger still looks bigger.
 */

export type BlockGeometry =
  | { kind: 'box'; width: number; height: number; depth: number }
  | { kind: 'bar'; length: number }
  | { kind: 'unknown' }

const MAX_SIDE = 96
const MAX_DEPTH = 56
const MAX_BAR = 150

/** Side of the front face in pixels for `n` rows or columns. */
export const sideFor = (n: number): number => Math.round(Math.min(MAX_SIDE, 4 + 11 * Math.sqrt(n)))
/** Depth of the box in pixels for `c` channels. */
export const depthFor = (c: number): number => Math.round(Math.min(MAX_DEPTH, 3 + 6 * Math.log2(1 + c)))
/** Length of a flat bar in pixels for `n` values. */
export const barFor = (n: number): number => Math.round(Math.min(MAX_BAR, 8 + 11 * Math.log2(1 + n)))

export function blockGeometry(shape: readonly number[] | null): BlockGeometry {
  if (shape === null) return { kind: 'unknown' }
  if (shape.length === 3) {
    const [h = 1, w = 1, c = 1] = shape
    return { kind: 'box', width: sideFor(w), height: sideFor(h), depth: depthFor(c) }
  }
  return { kind: 'bar', length: barFor(shape[0] ?? 1) }
}

/** "28×28×32" for a feature map, "3,136" for a flat vector, "?" when unknown. */
export function shapeLabel(shape: readonly number[] | null): string {
  if (shape === null) return '?'
  if (shape.length === 1) return (shape[0] ?? 0).toLocaleString('en-US')
  return shape.join('×')
}

/** One colour per family of layer, so the stack's rhythm (conv, pool, conv, pool, dense) is visible. */
export const KIND_COLOURS: Record<LayerKind | 'input' | 'unknown', string> = {
  input: '#7d8590',
  conv2d: '#4f8cff',
  maxPool2d: '#2bb5a0',
  avgPool2d: '#2bb5a0',
  batchNorm: '#a779e9',
  dropout: '#8a8f98',
  flatten: '#e39b3c',
  globalAveragePool: '#e39b3c',
  dense: '#e3c53c',
  activation: '#e36fa8',
  unknown: '#7d8590'
}
