import { wasmHeap } from './libraryInternals'
import type { KernelFunc } from './wasmKernelCalls'

/**
 * Identity (what `clone()` and several gradients run) without a copy. The stock wasm kernel copies the
 * whole tensor, about 10 ms of every batch-128 step of the lecture network; tensors are immutable, so the
 * output can share the input's memory with one more reference, as wasm's Reshape and the cpu backend's
 * Identity already do. Strings keep the stock kernel.
 */
export function makeIdentityWasm(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x } = args.inputs
    if (x === undefined || x.dtype === 'string') return stock(args)
    wasmHeap(args.backend).incRef(x.dataId)
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype }
  }
}
