import type { Attribute } from '../../export/onnxGraph'
import {
  activate,
  KernelGraph,
  HWIO_TO_OIHW,
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  type ConvGeometry,
  type Epilogue
} from './kernelGraph'

/** A convolution and its two gradients as one-kernel graphs, on tfjs's NHWC/HWIO tensors. */

function convAttributes(g: ConvGeometry): Record<string, Attribute> {
  const [top, left, bottom, right] = g.pads
  return {
    pads: { ints: [top, left, bottom, right] },
    strides: { ints: g.strides },
    dilations: { ints: g.dilations }
  }
}

/** y = act(conv(x, w) + bias): x [N,H,W,Ci], w [kh,kw,Ci,Co], bias [Co] → y [N,Ho,Wo,Co]. */
export function conv2DGraph(
  xDims: number[],
  wDims: number[],
  g: ConvGeometry,
  yDims: number[],
  epilogue?: Epilogue
): Uint8Array {
  const graph = new KernelGraph()
  const x = graph.transpose(graph.input('x', xDims), NHWC_TO_NCHW)
  const w = graph.transpose(graph.input('w', wDims), HWIO_TO_OIHW)
  const bias = epilogue?.bias ? [graph.input('bias', [wDims[3] ?? 0])] : []
  const y = activate(graph, graph.node('Conv', [x, w, ...bias], convAttributes(g)), epilogue)
  return graph.output(graph.transpose(y, NCHW_TO_NHWC), 'y', yDims)
}

/**
 * dx of a convolution. At stride 1 it is the "full" convolution of dy with the filter rotated by
 * 180° and its channels swapped (25 against 33 ms for ConvTranspose on the lecture network's
 * conv2); other strides use ConvTranspose, whose weight layout [Co, Ci, kh, kw] is the forward
 * filter's OIHW and whose `outputPadding` restores rows the forward stride skipped.
 */
export function conv2DBackpropInputGraph(
  dyDims: number[],
  wDims: number[],
  g: ConvGeometry,
  outputPadding: [number, number],
  dxDims: number[]
): Uint8Array {
  const graph = new KernelGraph()
  const dy = graph.transpose(graph.input('dy', dyDims), NHWC_TO_NCHW)
  const w = graph.input('w', wDims)
  const [kh = 0, kw = 0] = wDims
  const [top, left, bottom, right] = g.pads
  const full: [number, number, number, number] = [
    kh - 1 - top,
    kw - 1 - left,
    kh - 1 - bottom,
    kw - 1 - right
  ]
  let dx: string
  if (g.strides[0] === 1 && g.strides[1] === 1 && full.every((p) => p >= 0)) {
    const swapped = graph.transpose(w, [2, 3, 0, 1])
    const far = -(2 ** 31)
    const rotated = graph.node('Slice', [
      swapped,
      graph.int64([-1, -1]),
      graph.int64([far, far]),
      graph.int64([2, 3]),
      graph.int64([-1, -1])
    ])
    dx = graph.node('Conv', [dy, rotated], convAttributes({ pads: full, strides: [1, 1], dilations: [1, 1] }))
  } else {
    dx = graph.node('ConvTranspose', [dy, graph.transpose(w, HWIO_TO_OIHW)], {
      ...convAttributes(g),
      output_padding: { ints: outputPadding }
    })
  }
  return graph.output(graph.transpose(dx, NCHW_TO_NHWC), 'dx', dxDims)
}

/**
 * dw of a convolution (dilation 1) as one matrix product: the input's patches stacked row-wise
 * (im2col transposed, [kh·kw·Ci, N·Ho·Wo], one strided Slice of the channel-major input per filter
 * tap) times dy [N·Ho·Wo, Co]. Rows come out in the HWIO filter's own order (kh, kw, Ci).
 * Patches as rows let MLAS stream them and pack only dy: 29 ms against 36 for patches as columns
 * with a transposed product (conv2 of the lecture network, batch 128).
 */
export function conv2DBackpropFilterGraph(
  xDims: number[],
  dyDims: number[],
  g: ConvGeometry,
  wDims: number[]
): Uint8Array {
  const [n = 0, , , ci = 0] = xDims
  const [, ho = 0, wo = 0, co = 0] = dyDims
  const [kh = 0, kw = 0] = wDims
  const [top, left, bottom, right] = g.pads
  const [sh, sw] = g.strides
  const graph = new KernelGraph()
  const channelMajor = graph.transpose(graph.input('x', xDims), [3, 0, 1, 2])
  const dy = graph.input('dy', dyDims)
  const padded = graph.node('Pad', [channelMajor, graph.int64([0, 0, top, left, 0, 0, bottom, right])])
  const taps: string[] = []
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const starts = graph.int64([i, j])
      const ends = graph.int64([i + (ho - 1) * sh + 1, j + (wo - 1) * sw + 1])
      taps.push(graph.node('Slice', [padded, starts, ends, graph.int64([2, 3]), graph.int64([sh, sw])]))
    }
  }
  const patches = taps.length === 1 ? (taps[0] as string) : graph.node('Concat', taps, { axis: { int: 0 } })
  const rows = graph.node('Reshape', [patches, graph.int64([kh * kw * ci, n * ho * wo])])
  const grads = graph.node('Reshape', [dy, graph.int64([n * ho * wo, co])])
  const dw = graph.node('MatMul', [rows, grads])
  return graph.output(graph.node('Reshape', [dw, graph.int64(wDims)]), 'dw', wDims)
}
