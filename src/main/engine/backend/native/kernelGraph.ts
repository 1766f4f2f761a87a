import type { onnx as Onnx } from 'onnx-proto'
import { attribute, valueInfo, type Attribute } from '../../export/onnxGraph'
import { onnx } from '../../export/onnxProto'
import { ORT_NCHWC_DOMAIN } from '../libraryInternals'

/**
 * One-kernel ONNX graphs for onnxruntime: tfjs's NHWC/HWIO tensors go in and come out as they
 * are, the transposes to ONNX's NCHW/OIHW happen inside the graph (on onnxruntime's threads).
 */

/** What tfjs's fused kernels add after the product: a per-channel bias and an activation. */
export interface Epilogue {
  bias: boolean
  /** One of FUSED_ACTIVATIONS. */
  activation: string
  leakyreluAlpha?: number
}

/** tfjs activations with an ONNX operator of the same definition. */
export const FUSED_ACTIVATIONS: readonly string[] = ['linear', 'relu', 'sigmoid', 'elu', 'leakyrelu']

/** Explicit convolution geometry, as tfjs's computeConv2DInfo resolved it. */
export interface ConvGeometry {
  /** [top, left, bottom, right] */
  pads: [number, number, number, number]
  strides: [number, number]
  dilations: [number, number]
}

export const NHWC_TO_NCHW = [0, 3, 1, 2]
export const NCHW_TO_NHWC = [0, 2, 3, 1]
export const HWIO_TO_OIHW = [3, 2, 0, 1]

export class KernelGraph {
  private readonly nodes: Onnx.INodeProto[] = []
  private readonly initializers: Onnx.ITensorProto[] = []
  private readonly inputs: Onnx.IValueInfoProto[] = []
  private readonly outputs: Onnx.IValueInfoProto[] = []
  /** Operator sets beyond ONNX's own that the nodes use (onnxruntime's contrib domains), at version 1. */
  private readonly domains = new Set<string>()
  private counter = 0

  input(name: string, dims: (number | string)[]): string {
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

  node(op: string, inputs: string[], attributes: Record<string, Attribute> = {}, domain = ''): string {
    const output = `t${this.counter++}`
    if (domain !== '') this.domains.add(domain)
    this.nodes.push({
      opType: op,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
      ...(domain === '' ? {} : { domain })
    })
    return output
  }

  /**
   * onnxruntime's blocked (NCHWc) convolution; `activation` (an MLAS activation such as 'Relu') is applied
   * by the kernel itself, as its string attribute, which Attribute cannot express.
   */
  nchwcConv(
    inputs: string[],
    attributes: Record<string, Attribute>,
    activation?: { name: string; params: number[] }
  ): string {
    const y = this.node('Conv', inputs, attributes, ORT_NCHWC_DOMAIN)
    if (activation !== undefined) {
      const { AttributeType } = onnx.AttributeProto
      const node = this.nodes.at(-1) as Onnx.INodeProto
      node.attribute = [
        ...(node.attribute ?? []),
        { name: 'activation', type: AttributeType.STRING, s: new TextEncoder().encode(activation.name) },
        ...(activation.params.length > 0
          ? [{ name: 'activation_params', type: AttributeType.FLOATS, floats: activation.params }]
          : [])
      ]
    }
    return y
  }

  transpose(x: string, perm: number[]): string {
    return this.node('Transpose', [x], { perm: { ints: perm } })
  }

  /**
   * Marks `value` as the graph output `name`. The node computing it writes the output itself: an
   * Identity in between would make onnxruntime compute into its own buffer and copy that into the
   * caller's (9 of 22 ms of the lecture network's dense weight gradient went to that copy).
   */
  output(value: string, name: string, dims: (number | string)[]): Uint8Array {
    const producer = this.nodes.find((n) => n.output?.[0] === value)
    const consumed = this.nodes.some((n) => n.input?.includes(value))
    if (producer !== undefined && !consumed) producer.output = [name]
    else this.nodes.push({ opType: 'Identity', input: [value], output: [name] })
    this.outputs.push(valueInfo(name, dims))
    const model = onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [
        { domain: '', version: 13 },
        ...[...this.domains].map((domain) => ({ domain, version: 1 }))
      ],
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

/** The fused kernels' activation after `y`; the linear one adds nothing. */
export function activate(graph: KernelGraph, y: string, epilogue: Epilogue | undefined): string {
  switch (epilogue?.activation ?? 'linear') {
    case 'relu':
      return graph.node('Relu', [y])
    case 'sigmoid':
      return graph.node('Sigmoid', [y])
    case 'elu':
      return graph.node('Elu', [y])
    case 'leakyrelu':
      return graph.node('LeakyRelu', [y], { alpha: { float: epilogue?.leakyreluAlpha ?? 0.2 } })
    default:
      return y
  }
}
