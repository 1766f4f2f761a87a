import type { onnx as Onnx } from 'onnx-proto'
import { attribute, valueInfo, type Attribute } from '../../export/onnxGraph'
import { onnx } from '../../export/onnxProto'

/**
 * One-kernel ONNX graphs for onnxruntime: tfjs's NHWC/HWIO tensors go in and come out as they
 * are, the transposes to ONNX's NCHW/OIHW happen inside the graph (on onnxruntime's threads).
 */

/** Explicit convolution geometry, as tfjs's computeConv2DInfo resolved it. */
export interface ConvGeometry {
  /** [top, left, bottom, right] */
  pads: [number, number, number, number]
  strides: [number, number]
  dilations: [number, number]
}

const NHWC_TO_NCHW = [0, 3, 1, 2]
const NCHW_TO_NHWC = [0, 2, 3, 1]
const HWIO_TO_OIHW = [3, 2, 0, 1]

class KernelGraph {
  private readonly nodes: Onnx.INodeProto[] = []
  private readonly initializers: Onnx.ITensorProto[] = []
  private readonly inputs: Onnx.IValueInfoProto[] = []
  private readonly outputs: Onnx.IValueInfoProto[] = []
  private counter = 0

  input(name: string, dims: number[]): string {
    this.inputs.push(valueInfo(name, dims))
    return name
  }

  int64(values: number[]): string {
    const name = `c${this.counter++}`
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      int64Data: values
    })
    return name
  }

  node(op: string, inputs: string[], attributes: Record<string, Attribute> = {}): string {
    const output = `t${this.counter++}`
    this.nodes.push({
      opType: op,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v))
    })
    return output
  }

  transpose(x: string, perm: number[]): string {
    return this.node('Transpose', [x], { perm: { ints: perm } })
  }

  /** Marks `value` as the graph output `name`. */
  output(value: string, name: string, dims: number[]): Uint8Array {
    this.nodes.push({ opType: 'Identity', input: [value], output: [name] })
    this.outputs.push(valueInfo(name, dims))
    const model = onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 13 }],
      producerName: 'CNN Workbench kernels',
      graph: {
        name: 'kernel',
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs
      }
    })
    return onnx.ModelProto.encode(model).finish()
  }
}

function convAttributes(g: ConvGeometry): Record<string, Attribute> {
  const [top, left, bottom, right] = g.pads
  return {
    pads: { ints: [top, left, bottom, right] },
    strides: { ints: g.strides },
    dilations: { ints: g.dilations }
  }
}

/** y = conv(x, w): x [N,H,W,Ci], w [kh,kw,Ci,Co] → y [N,Ho,Wo,Co]. */
export function conv2DGraph(xDims: number[], wDims: number[], g: ConvGeometry, yDims: number[]): Uint8Array {
  const graph = new KernelGraph()
  const x = graph.transpose(graph.input('x', xDims), NHWC_TO_NCHW)
  const w = graph.transpose(graph.input('w', wDims), HWIO_TO_OIHW)
  const y = graph.node('Conv', [x, w], convAttributes(g))
  return graph.output(graph.transpose(y, NCHW_TO_NHWC), 'y', yDims)
}

/**
 * dx of a convolution as ConvTranspose (its weight layout [Co, Ci, kh, kw] is the forward
 * filter's OIHW); `outputPadding` restores rows the forward stride skipped.
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
  const w = graph.transpose(graph.input('w', wDims), HWIO_TO_OIHW)
  const dx = graph.node('ConvTranspose', [dy, w], {
    ...convAttributes(g),
    output_padding: { ints: outputPadding }
  })
  return graph.output(graph.transpose(dx, NCHW_TO_NHWC), 'dx', dxDims)
}

/**
 * dw of a convolution (dilation 1) as one matrix product: the input's patches laid side by side
 * (im2col, [N·Ho·Wo, kh·kw·Ci], built from one strided Slice per filter tap) transposed times
 * dy [N·Ho·Wo, Co]. The row order kh, kw, Ci is the HWIO filter's own, so the product needs no
 * transpose afterwards.
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
  const x = graph.input('x', xDims)
  const dy = graph.input('dy', dyDims)
  const padded = graph.node('Pad', [x, graph.int64([0, top, left, 0, 0, bottom, right, 0])])
  const taps: string[] = []
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const starts = graph.int64([i, j])
      const ends = graph.int64([i + (ho - 1) * sh + 1, j + (wo - 1) * sw + 1])
      taps.push(graph.node('Slice', [padded, starts, ends, graph.int64([1, 2]), graph.int64([sh, sw])]))
    }
  }
  const patches = taps.length === 1 ? (taps[0] as string) : graph.node('Concat', taps, { axis: { int: 3 } })
  const rows = n * ho * wo
  const columns = graph.node('Reshape', [patches, graph.int64([rows, kh * kw * ci])])
  const grads = graph.node('Reshape', [dy, graph.int64([rows, co])])
  const dw = graph.node('Gemm', [columns, grads], { transA: { int: 1 } })
  return graph.output(graph.node('Reshape', [dw, graph.int64(wDims)]), 'dw', wDims)
}

/** c = op(a)·op(b) for 2-D a and b. */
export function matMulGraph(
  aDims: number[],
  bDims: number[],
  transposeA: boolean,
  transposeB: boolean,
  cDims: number[]
): Uint8Array {
  const graph = new KernelGraph()
  const a = graph.input('a', aDims)
  const b = graph.input('b', bDims)
  const c = graph.node('Gemm', [a, b], {
    transA: { int: transposeA ? 1 : 0 },
    transB: { int: transposeB ? 1 : 0 }
  })
  return graph.output(c, 'c', cDims)
}
