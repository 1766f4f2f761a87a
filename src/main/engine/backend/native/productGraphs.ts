import { activate, KernelGraph, type Epilogue } from './kernelGraph'

/** A matrix product and a sum as one-kernel graphs. */

/**
 * c = op(a)·op(b) for 2-D a and b. A transposed left operand is transposed first: MLAS's Gemm
 * with transA runs at half the speed of a Transpose and MatMul (13.7 against 6.5 ms for
 * the lecture network's 3136×1024 weight gradient).
 */
export function matMulGraph(
  aDims: number[],
  bDims: number[],
  transposeA: boolean,
  transposeB: boolean,
  cDims: number[],
  epilogue?: Epilogue
): Uint8Array {
  const graph = new KernelGraph()
  const a = graph.input('a', aDims)
  const b = graph.input('b', bDims)
  const left = transposeA ? graph.transpose(a, [1, 0]) : a
  // A Transpose feeding a Gemm is folded into transA by the graph optimizer; before MatMul it is not.
  const product = transposeB
    ? graph.node('Gemm', [left, b], { transB: { int: 1 } })
    : graph.node('MatMul', [left, b])
  const biased = epilogue?.bias ? graph.node('Add', [product, graph.input('bias', [cDims[1] ?? 0])]) : product
  return graph.output(activate(graph, biased, epilogue), 'c', cDims)
}

/** y = sum of x over `axes` (keepdims off; the caller reshapes). */
export function reduceSumGraph(xDims: number[], axes: number[], yDims: number[]): Uint8Array {
  const graph = new KernelGraph()
  const x = graph.input('x', xDims)
  const y = graph.node('ReduceSum', [x, graph.int64(axes)], { keepdims: { int: 0 } })
  return graph.output(graph.node('Reshape', [y, graph.int64(yDims)]), 'y', yDims)
}
