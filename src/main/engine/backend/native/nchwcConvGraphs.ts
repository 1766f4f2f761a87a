import { ORT_NCHWC_DOMAIN } from '../libraryInternals'
import { KernelGraph, type ConvGeometry, type Epilogue } from './kernelGraph'

/**
 * Convolutions on onnxruntime's NCHWc kernels (MLAS's blocked layout: channels in blocks of 16 with
 * AVX-512, 8 with AVX2), written straight into the graph with the `com.microsoft.nchwc` operators.
 * onnxruntime's own layout pass only converts convolutions whose filter is a constant, and in training
 * the filter changes every step; reordering it here (a 51k-value Transpose for the lecture network's
 * conv2) gets the blocked kernels anyway: 30 against 45 ms for conv2 and 9 against 24 ms for conv1 at
 * batch 128, with NHWC read and written directly by ReorderInput/ReorderOutput (no transposes of the
 * activations).
 */

const NCHWC = ORT_NCHWC_DOMAIN

/** MLAS activations the blocked convolution applies itself (its `activation` attribute). */
const NCHWC_ACTIVATIONS: Readonly<Record<string, string>> = {
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  leakyrelu: 'LeakyRelu'
}

const roundUp = (n: number, block: number): number => Math.ceil(n / block) * block

/**
 * Whether a convolution with `inChannels` inputs can run blocked: fewer channels than a block are read
 * as plain NCHW (a first layer on grey or RGB images), more must come in multiples of 4 (ReorderInput's
 * rule; they are padded to whole blocks).
 */
export function nchwcFits(inChannels: number, block: number): boolean {
  return inChannels < block || inChannels % 4 === 0
}

/** The activations onto the blocked layout: NHWC read in place, or NCHW where there are few channels. */
function blockedInput(graph: KernelGraph, x: string, dims: number[], block: number): string {
  const [n = 0, h = 0, w = 0, c = 0] = dims
  if (c >= block) return graph.node('ReorderInput', [x], { channels_last: { int: 1 } }, NCHWC)
  return c === 1 ? graph.node('Reshape', [x, graph.int64([n, 1, h, w])]) : graph.transpose(x, [0, 3, 1, 2])
}

/**
 * An HWIO filter [kh, kw, ci, co] in the layout the blocked kernel reads, as a [coPadded, ci(Padded),
 * kh, kw] tensor: OIHWBiBo ([co/B][ci/B][kh][kw][ci%B][co%B]) when the input is blocked, OIHWBo
 * ([co/B][ci][kh][kw][co%B]) when it is plain NCHW. Channels are zero-padded to whole blocks; `flip`
 * first rotates the taps by 180° and swaps the channel roles (the filter of an input gradient).
 */
function blockedFilter(
  graph: KernelGraph,
  w: string,
  dims: number[],
  block: number,
  flip: boolean
): { filter: string; outChannels: number } {
  const [kh = 0, kw = 0, a = 0, b = 0] = dims
  const far = -(2 ** 31)
  let hwio = w
  if (flip) {
    const rotated = graph.node('Slice', [
      w,
      graph.int64([-1, -1]),
      graph.int64([far, far]),
      graph.int64([0, 1]),
      graph.int64([-1, -1])
    ])
    hwio = graph.transpose(rotated, [0, 1, 3, 2])
  }
  const [ci, co] = flip ? [b, a] : [a, b]
  const blockedIn = ci >= block
  const ciPadded = blockedIn ? roundUp(ci, block) : ci
  const coPadded = roundUp(co, block)
  if (ciPadded > ci || coPadded > co) {
    hwio = graph.node('Pad', [hwio, graph.int64([0, 0, 0, 0, 0, 0, ciPadded - ci, coPadded - co])])
  }
  const [shape, perm] = blockedIn
    ? [
        [kh, kw, ciPadded / block, block, coPadded / block, block],
        [4, 2, 0, 1, 3, 5]
      ]
    : [
        [kh, kw, ci, coPadded / block, block],
        [3, 2, 0, 1, 4]
      ]
  const split = graph.node('Reshape', [hwio, graph.int64(shape)])
  const filter = graph.node('Reshape', [
    graph.transpose(split, perm),
    graph.int64([coPadded, ciPadded, kh, kw])
  ])
  return { filter, outChannels: coPadded }
}

function convAttributes(g: ConvGeometry, kh: number, kw: number, epilogue: Epilogue | undefined) {
  const [top, left, bottom, right] = g.pads
  const fused = NCHWC_ACTIVATIONS[epilogue?.activation ?? '']
  return {
    attributes: {
      pads: { ints: [top, left, bottom, right] },
      strides: { ints: g.strides },
      dilations: { ints: g.dilations },
      kernel_shape: { ints: [kh, kw] }
    },
    activation:
      fused === undefined
        ? undefined
        : { name: fused, params: fused === 'LeakyRelu' ? [epilogue?.leakyreluAlpha ?? 0.2] : [] }
  }
}

/** The activations NCHWc applies inside the convolution; others (elu) follow it as their own node. */
export const nchwcFusesActivation = (activation: string): boolean =>
  activation === 'linear' || activation in NCHWC_ACTIVATIONS

/** y = act(conv(x, w) + bias) on NHWC/HWIO tensors through the blocked kernels. */
export function nchwcConv2DGraph(
  xDims: number[],
  wDims: number[],
  g: ConvGeometry,
  yDims: number[],
  block: number,
  epilogue?: Epilogue
): Uint8Array {
  const graph = new KernelGraph()
  const x = blockedInput(graph, graph.input('x', xDims), xDims, block)
  const { filter, outChannels } = blockedFilter(graph, graph.input('w', wDims), wDims, block, false)
  const co = wDims[3] ?? 0
  const inputs = [x, filter]
  if (epilogue?.bias) {
    const bias = graph.input('bias', [co])
    inputs.push(outChannels > co ? graph.node('Pad', [bias, graph.int64([0, outChannels - co])]) : bias)
  }
  const { attributes, activation } = convAttributes(g, wDims[0] ?? 0, wDims[1] ?? 0, epilogue)
  const y = graph.nchwcConv(inputs, attributes, activation)
  const out = graph.node('ReorderOutput', [y], { channels: { int: co }, channels_last: { int: 1 } }, NCHWC)
  return graph.output(out, 'y', yDims)
}

/**
 * dx of a stride-1 convolution: the "full" convolution of dy with the filter rotated by 180° and its
 * channels swapped, blocked like the forward one (34 against 64 ms for the lecture network's conv2).
 */
export function nchwcConv2DBackpropInputGraph(
  dyDims: number[],
  wDims: number[],
  g: ConvGeometry,
  dxDims: number[],
  block: number
): Uint8Array {
  const graph = new KernelGraph()
  const [kh = 0, kw = 0, ci = 0] = wDims
  const [top, left, bottom, right] = g.pads
  const dy = blockedInput(graph, graph.input('dy', dyDims), dyDims, block)
  const { filter } = blockedFilter(graph, graph.input('w', wDims), wDims, block, true)
  const full: ConvGeometry = {
    pads: [kh - 1 - top, kw - 1 - left, kh - 1 - bottom, kw - 1 - right],
    strides: [1, 1],
    dilations: [1, 1]
  }
  const y = graph.nchwcConv([dy, filter], convAttributes(full, kh, kw, undefined).attributes)
  const out = graph.node('ReorderOutput', [y], { channels: { int: ci }, channels_last: { int: 1 } }, NCHWC)
  return graph.output(out, 'dx', dxDims)
}

/**
 * A graph that reorders a 4-channel NHWC tensor: its output has one block of channels, so its shape
 * tells the block size MLAS chose for this CPU (and a failure, that the blocked kernels are missing).
 */
export function nchwcProbeGraph(): Uint8Array {
  const graph = new KernelGraph()
  const y = graph.node('ReorderInput', [graph.input('x', [1, 1, 1, 4])], { channels_last: { int: 1 } }, NCHWC)
  return graph.output(y, 'y', [1, 'block', 1, 1])
}
