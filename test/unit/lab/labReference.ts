/**
 * Straightforward references for the Lab's numbers, written from the definitions with plain loops in
 * double precision: what a student would write with NumPy, independent of tfjs.
 */

export type Grid = number[][]

/** Zeros each side of one axis: valid 0, P as given, 'same' as TensorFlow (odd extra after) or scipy's convolve2d (before). */
function pads(
  size: number,
  k: number,
  stride: number,
  padding: 'valid' | 'same' | number,
  extraBefore: boolean
) {
  if (typeof padding === 'number') return [padding, padding]
  if (padding === 'valid') return [0, 0]
  const total = Math.max((Math.ceil(size / stride) - 1) * stride + k - size, 0)
  const small = Math.floor(total / 2)
  return extraBefore ? [total - small, small] : [small, total - small]
}

export function referenceConv(
  input: Grid,
  kernel: Grid,
  padding: 'valid' | 'same' | number,
  stride: number,
  mode: 'correlate' | 'convolve'
): Grid {
  const kh = kernel.length
  const kw = kernel[0]!.length
  const k = mode === 'convolve' ? kernel.map((row) => [...row].reverse()).reverse() : kernel
  const [top, bottom] = pads(input.length, kh, stride, padding, mode === 'convolve')
  const [left, right] = pads(input[0]!.length, kw, stride, padding, mode === 'convolve')
  const at = (r: number, c: number): number => input[r - top!]?.[c - left!] ?? 0
  const outH = Math.floor((input.length + top! + bottom! - kh) / stride) + 1
  const outW = Math.floor((input[0]!.length + left! + right! - kw) / stride) + 1
  const out: Grid = []
  for (let r = 0; r < outH; r++) {
    const row: number[] = []
    for (let c = 0; c < outW; c++) {
      let sum = 0
      for (let i = 0; i < kh; i++)
        for (let j = 0; j < kw; j++) sum += at(r * stride + i, c * stride + j) * k[i]![j]!
      row.push(sum)
    }
    out.push(row)
  }
  return out
}

/** Keras pooling: 'same' pads as TensorFlow and padded cells never count (not in the max, not in the mean). */
export function referencePool(
  input: Grid,
  size: number,
  stride: number,
  op: 'max' | 'avg',
  padding: 'valid' | 'same'
): Grid {
  const [top] = pads(input.length, size, stride, padding, false)
  const [left] = pads(input[0]!.length, size, stride, padding, false)
  const outH =
    padding === 'same' ? Math.ceil(input.length / stride) : Math.floor((input.length - size) / stride) + 1
  const outW =
    padding === 'same'
      ? Math.ceil(input[0]!.length / stride)
      : Math.floor((input[0]!.length - size) / stride) + 1
  const out: Grid = []
  for (let r = 0; r < outH; r++) {
    const row: number[] = []
    for (let c = 0; c < outW; c++) {
      const cells: number[] = []
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) {
          const v = input[r * stride + i - top!]?.[c * stride + j - left!]
          if (v !== undefined) cells.push(v)
        }
      row.push(op === 'max' ? Math.max(...cells) : cells.reduce((a, b) => a + b, 0) / cells.length)
    }
    out.push(row)
  }
  return out
}

/** skimage.measure.block_reduce(image, (2, 2), func): zero-padded at the bottom/right, zeros counted. */
export function referenceBlockReduce(image: Grid, op: 'max' | 'avg'): Grid {
  const h = Math.ceil(image.length / 2)
  const w = Math.ceil(image[0]!.length / 2)
  return Array.from({ length: h }, (_, r) =>
    Array.from({ length: w }, (_, c) => {
      const cells = [0, 1].flatMap((i) => [0, 1].map((j) => image[2 * r + i]?.[2 * c + j] ?? 0))
      return op === 'max' ? Math.max(...cells) : cells.reduce((a, b) => a + b, 0) / 4
    })
  )
}

export function maxAbsDiff(a: Grid, b: Grid): number {
  if (a.length !== b.length || a[0]?.length !== b[0]?.length) return Infinity
  return Math.max(...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r]![c]!))))
}
