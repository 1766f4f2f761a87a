import { beforeAll, describe, expect, it } from 'vitest'
import { ConvRequest, PoolRequest } from '../../../src/shared/lab'
import { mainThreadBackend } from '../../../src/main/engine/backend/mainThreadBackend'
import { labBackprop } from '../../../src/main/engine/lab/labBackprop'
import { labConvolution, labPooling } from '../../../src/main/engine/lab/labWindows'
import { mulberry32 } from '../../../src/main/engine/dataset/seededRandom'
import { maxAbsDiff, referenceConv, referencePool, type Grid } from './labReference'

const LECTURE_INPUT = [
  [0, 1, 0, 1, 1],
  [1, 1, 0, 1, 0],
  [1, 0, 1, 0, 1],
  [1, 1, 0, 1, 0],
  [0, 0, 1, 1, 0]
]
const LECTURE_KERNEL = [
  [1, 0, 1],
  [0, 1, 0],
  [1, 0, 1]
]

const conv = (input: unknown) => labConvolution(ConvRequest.parse(input))
const pool = (input: unknown) => labPooling(PoolRequest.parse(input))

beforeAll(async () => {
  await mainThreadBackend()
})

describe("the lecture's worked examples", () => {
  it('5×5 input, 3×3 kernel, valid, stride 1 gives [[3,2,4],[2,5,0],[4,1,4]]', () => {
    const answer = conv({ input: LECTURE_INPUT, kernel: LECTURE_KERNEL, padding: 'valid', stride: 1 })
    expect(answer.output).toEqual([
      [3, 2, 4],
      [2, 5, 0],
      [4, 1, 4]
    ])
    expect(answer.shape).toEqual([3, 3])
    expect(answer.formula).toBe('W_out = (W_in − W_f + 2P)/S + 1 = (5 − 3 + 2·0)/1 + 1 = 3')
  })

  it('the first window is at the top left, its products add up to 3, and each cell says where its window is', () => {
    const answer = conv({ input: LECTURE_INPUT, kernel: LECTURE_KERNEL })
    const first = answer.cells[0]!
    expect(first).toMatchObject({ row: 0, col: 0, top: 0, left: 0, result: 3 })
    expect(first.values).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 1]
    ])
    expect(answer.cells.map((c) => [c.top, c.left])).toEqual(
      [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => [r, c]))
    )
    for (const cell of answer.cells)
      expect(cell.values.flat().reduce((a, b) => a! + b!, 0)).toBe(answer.output[cell.row]![cell.col])
  })

  it('with P = 1 the output is 5×5 and the padded input has a border of zeros', () => {
    const answer = conv({ input: LECTURE_INPUT, kernel: LECTURE_KERNEL, padding: 1 })
    expect(answer.shape).toEqual([5, 5])
    expect(answer.output).toEqual(referenceConv(LECTURE_INPUT, LECTURE_KERNEL, 1, 1, 'correlate'))
    expect(answer.output[0]).toEqual([1, 2, 2, 1, 2])
    expect(answer.padded).toHaveLength(7)
    expect(answer.padded[0]).toEqual([0, 0, 0, 0, 0, 0, 0])
    expect(answer.formula).toContain('(5 − 3 + 2·1)/1 + 1 = 5')
  })

  it('with stride 2 (valid) gives [[3,4],[4,4]]', () => {
    const answer = conv({ input: LECTURE_INPUT, kernel: LECTURE_KERNEL, stride: 2 })
    expect(answer.output).toEqual([
      [3, 4],
      [4, 4]
    ])
    expect(answer.cells.map((c) => [c.top, c.left])).toEqual([
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2]
    ])
  })

  it('max pooling 2×2 stride 2 gives [[6,8],[9,6]]', () => {
    const answer = pool({
      input: [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [0, 9, 1, 2],
        [3, 4, 5, 6]
      ],
      size: 2,
      stride: 2,
      op: 'max'
    })
    expect(answer.output).toEqual([
      [6, 8],
      [9, 6]
    ])
    expect(answer.cells[2]).toMatchObject({
      top: 2,
      left: 0,
      values: [
        [0, 9],
        [3, 4]
      ],
      result: 9
    })
  })
})

describe('random cases against a plain reference', () => {
  const random = mulberry32(12)
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))
  const grid = (h: number, w: number, decimals: boolean): Grid =>
    Array.from({ length: h }, () =>
      Array.from({ length: w }, () => (decimals ? Math.round((random() * 4 - 2) * 100) / 100 : int(-3, 3)))
    )

  it('convolution and cross-correlation, every padding, strides 1–3, odd and even kernels', () => {
    let checked = 0
    for (const mode of ['correlate', 'convolve'] as const)
      for (const padding of ['valid', 'same', 0, 1, 2, 3] as const)
        for (const stride of [1, 2, 3])
          for (let n = 0; n < 4; n++) {
            const input = grid(int(4, 16), int(4, 16), n % 2 === 1)
            const kernel = grid(
              int(1, Math.min(7, input.length)),
              int(1, Math.min(7, input[0]!.length)),
              n >= 2
            )
            const answer = conv({ input, kernel, padding, stride, mode })
            const expected = referenceConv(input, kernel, padding, stride, mode)
            const where = JSON.stringify({ mode, padding, stride, input, kernel })
            expect(answer.shape, where).toEqual([expected.length, expected[0]!.length])
            expect(maxAbsDiff(answer.output, expected), where).toBeLessThan(1e-4)
            checked++
          }
    expect(checked).toBe(2 * 6 * 3 * 4)
  })

  it("'same' with an even kernel puts the extra zero where scipy does (after for correlate2d, before for convolve2d)", () => {
    const x = [0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => r * 4 + c))
    const k = [
      [1, 2],
      [3, 4]
    ]
    // scipy.signal.convolve2d(x, k, 'same') and correlate2d(x, k, 'same'), scipy 1.17.
    expect(conv({ input: x, kernel: k, padding: 'same', mode: 'convolve' }).output).toEqual([
      [0, 1, 4, 7],
      [4, 16, 26, 36],
      [20, 56, 66, 76],
      [36, 96, 106, 116]
    ])
    expect(conv({ input: x, kernel: k, padding: 'same', mode: 'correlate' }).output).toEqual([
      [34, 44, 54, 24],
      [74, 84, 94, 40],
      [114, 124, 134, 56],
      [38, 41, 44, 15]
    ])
  })

  it('max and average pooling, valid and same, windows 1–4, strides 1–3', () => {
    for (const op of ['max', 'avg'] as const)
      for (const padding of ['valid', 'same'] as const)
        for (const stride of [1, 2, 3])
          for (let n = 0; n < 4; n++) {
            const input = grid(int(4, 16), int(4, 16), n % 2 === 0)
            const size = int(1, 4)
            const answer = pool({ input, size, stride, op, padding })
            const expected = referencePool(input, size, stride, op, padding)
            const where = JSON.stringify({ op, padding, stride, size, input })
            expect(maxAbsDiff(answer.output, expected), where).toBeLessThan(1e-4)
          }
  })

  it('decimals come back as a person wrote them, not as float32 noise', () => {
    const answer = conv({ input: [[0.1, 0.2]], kernel: [[1, 1]] })
    expect(answer.output).toEqual([[0.3]])
  })
})

describe('what does not fit is refused with one sentence', () => {
  it('a kernel larger than the padded input', () => {
    expect(() =>
      conv({
        input: [
          [1, 2],
          [3, 4]
        ],
        kernel: LECTURE_KERNEL
      })
    ).toThrow('The kernel (3×3) is larger than the input (2×2); use a smaller kernel or more padding.')
    expect(
      conv({
        input: [
          [1, 2],
          [3, 4]
        ],
        kernel: LECTURE_KERNEL,
        padding: 1
      }).shape
    ).toEqual([2, 2])
  })

  it('ragged, empty and too large matrices, by the route schema', () => {
    const message = (input: unknown) =>
      ConvRequest.safeParse({ input, kernel: [[1]] }).error?.issues[0]?.message
    expect(message([[1, 2], [3]])).toBe(
      "The input's row 2 has 1 number but row 1 has 2 numbers; every row needs the same count."
    )
    expect(message([])).toBe('The input is empty; give at least one row with one number.')
    expect(message(Array.from({ length: 17 }, () => [1]))).toBe(
      'The input is 17×1; the Lab takes at most 16×16, so every number stays readable.'
    )
  })
})

describe('backpropagation through a 2×2 filter', () => {
  it('gives h and every ∂L/∂w as its sum of products', () => {
    const x = [
      [1, 2, 0],
      [0, 1, 3],
      [2, 1, 1]
    ]
    const w = [
      [1, -1],
      [0, 2]
    ]
    const dh = [
      [0.5, -1],
      [2, 1]
    ]
    const answer = labBackprop({ input: x, filter: w, gradOutput: dh })
    expect(answer.forward).toEqual(referenceConv(x, w, 'valid', 1, 'correlate'))
    // ∂L/∂w_ab = Σ_ij ∂L/∂h_ij · x_(i+a)(j+b), written out by hand for w_00: 0.5·1 − 1·2 + 2·0 + 1·1 = −0.5
    expect(answer.gradFilter[0]![0]).toBe(-0.5)
    for (const term of answer.terms) {
      const expected = [0, 1].flatMap((i) => [0, 1].map((j) => dh[i]![j]! * x[i + term.row]![j + term.col]!))
      expect(term.parts.map((p) => p.grad * p.input)).toEqual(expected)
      expect(term.sum).toBeCloseTo(
        expected.reduce((a, b) => a + b, 0),
        6
      )
      expect(answer.gradFilter[term.row]![term.col]).toBe(term.sum)
    }
  })
})
