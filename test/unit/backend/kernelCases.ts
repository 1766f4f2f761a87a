/** Shapes every convolution and product kernel is compared with the cpu backend on. */

export type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]]

/** [input NHWC, filter HWIO, stride, padding]: same/valid/explicit, strides 1–3, 1×1 to 5×5 filters, odd sizes. */
export const CONV_CASES: Array<[number[], number[], number, Pad]> = [
  [[2, 7, 7, 3], [3, 3, 3, 4], 1, 'same'],
  [[2, 8, 8, 3], [3, 3, 3, 4], 2, 'same'],
  [[2, 7, 7, 2], [3, 3, 2, 2], 2, 'same'],
  [[1, 9, 9, 2], [5, 5, 2, 3], 2, 'valid'],
  [[3, 6, 6, 2], [1, 1, 2, 5], 1, 'valid'],
  [[2, 10, 10, 1], [5, 5, 1, 2], 2, 'same'],
  [[2, 9, 8, 2], [3, 3, 2, 2], 2, 'valid'],
  [[2, 12, 12, 4], [5, 5, 4, 6], 1, 'same'],
  [[2, 14, 14, 4], [5, 5, 4, 6], 1, 'same'],
  [[1, 7, 6, 1], [4, 4, 1, 2], 3, 'same'],
  [[2, 6, 5, 3], [1, 1, 3, 2], 2, 'same'],
  // Whole channel blocks of onnxruntime's NCHWc kernels (16 with AVX-512, 8 with AVX2), blocks padded from
  // a multiple of 4, and a count that cannot be blocked (the plain graph).
  [[2, 9, 9, 16], [3, 3, 16, 32], 1, 'same'],
  [[2, 7, 7, 32], [5, 5, 32, 16], 1, 'same'],
  [[2, 8, 8, 20], [3, 3, 20, 24], 2, 'valid'],
  [[2, 7, 7, 12], [3, 3, 12, 8], 1, 'same'],
  [[2, 6, 6, 18], [3, 3, 18, 16], 1, 'same'],
  [
    [2, 7, 8, 2],
    [3, 3, 2, 3],
    1,
    [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0]
    ]
  ]
]

/** [label, a, b, transposeA, transposeB] */
export const MATMUL_CASES: Array<[string, number[], number[], boolean, boolean]> = [
  ['a·b', [5, 7], [7, 3], false, false],
  ['aᵀ·b', [7, 5], [7, 3], true, false],
  ['a·bᵀ', [5, 7], [3, 7], false, true],
  ['aᵀ·bᵀ', [7, 5], [3, 7], true, true],
  ['aᵀ·b, rank 3 with batch 1', [1, 7, 5], [1, 7, 3], true, false],
  ['a·bᵀ, batch 2 (stock kernel)', [2, 5, 7], [2, 3, 7], false, true],
  ['dense weight gradient xᵀ·dy', [32, 300], [32, 100], true, false],
  ['dense input gradient dy·Wᵀ', [32, 100], [300, 100], false, true],
  ['dense forward x·W with new weights', [4, 300], [300, 100], false, false]
]
