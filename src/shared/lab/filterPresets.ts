import type { Matrix } from './labMatrix'

export interface FilterPreset {
  name: string
  title: string
  /** What it shows, in one line. */
  note: string
  kernel: Matrix
}

/**
 * Kernels the Filter lab offers by name (`cnn-workbench lab filter --preset NAME`). filter01 and filter02
 * are the lecture's: a second difference down the rows and along the columns.
 */
export const FILTER_PRESETS: readonly FilterPreset[] = [
  {
    name: 'filter01',
    title: 'filter01 (lecture)',
    note: 'second difference down the columns: responds to horizontal edges',
    kernel: [
      [0, 1, 0],
      [0, -2, 0],
      [0, 1, 0]
    ]
  },
  {
    name: 'filter02',
    title: 'filter02 (lecture)',
    note: 'second difference along the rows: responds to vertical edges',
    kernel: [
      [0, 0, 0],
      [1, -2, 1],
      [0, 0, 0]
    ]
  },
  {
    name: 'sobel-x',
    title: 'Sobel x',
    note: 'horizontal gradient: vertical edges, signed',
    kernel: [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1]
    ]
  },
  {
    name: 'sobel-y',
    title: 'Sobel y',
    note: 'vertical gradient: horizontal edges, signed',
    kernel: [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1]
    ]
  },
  {
    name: 'laplacian',
    title: 'Laplacian',
    note: 'filter01 + filter02: edges in every direction',
    kernel: [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0]
    ]
  },
  {
    name: 'box-blur',
    title: 'Box blur',
    note: 'the mean of each 3×3 neighbourhood',
    kernel: [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9]
    ]
  },
  {
    name: 'sharpen',
    title: 'Sharpen',
    note: 'the pixel minus the Laplacian: edges stand out',
    kernel: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0]
    ]
  }
]

export const FILTER_PRESET_NAMES = FILTER_PRESETS.map((p) => p.name)

export function filterPreset(name: string): FilterPreset | undefined {
  return FILTER_PRESETS.find((p) => p.name === name.toLowerCase())
}
