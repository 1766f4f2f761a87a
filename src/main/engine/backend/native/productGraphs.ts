import { activate, KernelGraph, type Epilogue } from './kernelGraph'

/** A matrix product and a sum as one-kernel graphs. */

/**
 * c = op(a)·op(b) for 2-D a and b. A transposed left operand goes through a Transpose and MatMul rather than
 * Gemm with transA, which ran at half the speed (13.7 against 6.5 ms for the lecture network's 3136×1024
 * weight gradient). onnxruntime 1.30's optimizer folds that pair into one FusedMatMul with transA
 * (MatmulTransposeFusion, seen in the optimized model), so no transposed copy is made either.
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
  const product = transposeB
    ? graph.node('Gemm', [left, b], { transB: { int: 1 } })
    : graph.node('MatMul', [left, b])
  const biased = epilogue?.bias ? graph.node('Add', [product, graph.input('bias', [cDims[1] ?? 0])]) : product
  return graph.output(activate(graph, biased, epilogue), 'c', cDims)
}

/** c = a·b + sum for 2-D a and b (onnxruntime fuses the pair into one Gemm that starts from `sum`). */
export function matMulAddGraph(aDims: number[], bDims: number[], cDims: number[]): Uint8Array {
  const graph = new KernelGraph()
  const product = graph.node('MatMul', [graph.input('a', aDims), graph.input('b', bDims)])
  return graph.output(graph.node('Add', [product, graph.input('sum', cDims)]), 'c', cDims)
}

/** y = sum of x over `axes` (keepdims off; the caller reshapes). */
export function reduceSumGraph(xDims: number[], axes: number[], yDims: number[]): Uint8Array {
  const graph = new KernelGraph()
  const x = graph.input('x', xDims)
  const y = graph.node('ReduceSum', [x, graph.int64(axes)], { keepdims: { int: 0 } })
  return graph.output(graph.node('Reshape', [y, graph.int64(yDims)]), 'y', yDims)
}
