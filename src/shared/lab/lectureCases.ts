import type { Matrix } from './labMatrix'
import type { LabPadding } from './windowPlan'

/** An experiment of the lecture, ready to load into the playground. */
export type LectureCase =
  | {
      id: string
      title: string
      kind: 'conv'
      input: Matrix
      kernel: Matrix
      padding: LabPadding
      stride: number
    }
  | {
      id: string
      title: string
      kind: 'pool'
      input: Matrix
      size: number
      stride: number
      op: 'max' | 'avg'
    }

const INPUT: Matrix = [
  [0, 1, 0, 1, 1],
  [1, 1, 0, 1, 0],
  [1, 0, 1, 0, 1],
  [1, 1, 0, 1, 0],
  [0, 0, 1, 1, 0]
]
const KERNEL: Matrix = [
  [1, 0, 1],
  [0, 1, 0],
  [1, 0, 1]
]

/** The lecture's worked examples (their results are checked by the tests, not stored here). */
export const LECTURE_CASES: readonly LectureCase[] = [
  {
    id: 'conv-valid',
    title: '5×5 input, 3×3 kernel, valid, stride 1',
    kind: 'conv',
    input: INPUT,
    kernel: KERNEL,
    padding: 'valid',
    stride: 1
  },
  {
    id: 'conv-p1',
    title: 'the same with P = 1 (5×5 output)',
    kind: 'conv',
    input: INPUT,
    kernel: KERNEL,
    padding: 1,
    stride: 1
  },
  {
    id: 'conv-s2',
    title: 'the same with stride 2 (valid)',
    kind: 'conv',
    input: INPUT,
    kernel: KERNEL,
    padding: 'valid',
    stride: 2
  },
  {
    id: 'max-pool',
    title: 'max pooling 2×2, stride 2',
    kind: 'pool',
    input: [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [0, 9, 1, 2],
      [3, 4, 5, 6]
    ],
    size: 2,
    stride: 2,
    op: 'max'
  }
]
