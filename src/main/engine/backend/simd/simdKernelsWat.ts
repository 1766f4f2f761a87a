/**
 * The source of simdKernelsWasm.ts: kernels that work in place in the wasm backend's memory, four float32
 * values per instruction (wasm SIMD). Addresses are byte offsets. After editing, run `npm run build:simd`
 * to regenerate the binary (a test checks that they match).
 */

import { ADD_BIAS, PATCH_ROWS } from './watConvolution'
import {
  COLUMN_SUMS,
  COLUMN_TOTALS,
  MAX_POOL_GRAD_2X2,
  RELU_GRAD,
  RELU_GRAD_COLUMN_SUMS
} from './watGradients'
import { ADAM_UPDATE } from './watOptimizer'

export const OWN_MEMORY_IMPORT = '(import "env" "memory" (memory 0))'
/** The threaded build's memory is shared and declares a maximum; an import must say both. */
export const SHARED_MEMORY_IMPORT = '(import "env" "memory" (memory 0 65536 shared))'

/** The module, importing the backend's memory with `memoryImport`. */
export const simdKernelsWat = (memoryImport: string): string =>
  `(module\n  ${memoryImport}\n${ADAM_UPDATE}\n${MAX_POOL_GRAD_2X2}\n${RELU_GRAD}\n${COLUMN_SUMS}\n${PATCH_ROWS}\n${ADD_BIAS}\n${RELU_GRAD_COLUMN_SUMS}\n${COLUMN_TOTALS})\n`
