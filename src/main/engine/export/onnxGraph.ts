import type { onnx as Onnx } from 'onnx-proto'
import { onnx } from './onnxProto'

/** An attribute value with its ONNX type spelled out (an integer-valued float must stay a float). */
export type Attribute = { int: number } | { float: number } | { ints: number[] }
type NodeSpec = { op: string; inputs: string[]; attributes?: Record<string, Attribute> }

const FLOAT = onnx.TensorProto.DataType.FLOAT
const INT64 = onnx.TensorProto.DataType.INT64

export function attribute(name: string, value: Attribute): Onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: value.ints }
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int }
  return { name, type: AttributeType.FLOAT, f: value.float }
}

export function valueInfo(name: string, dims: (number | string)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) }
      }
    }
  }
}

/**
 * Collects nodes and weights of one ONNX graph. Every node gets a fresh output name, so the graph stays
 * a simple chain that is easy to read in Netron.
 */
export class OnnxGraphBuilder {
  private readonly nodes: Onnx.INodeProto[] = []
  private readonly initializers: Onnx.ITensorProto[] = []
  private counter = 0

  /** Adds a float32 weight; the returned name is used as a node input. */
  weight(name: string, dims: number[], values: Float32Array): string {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: bytes.slice() })
    return name
  }

  /** Adds an int64 constant (e.g. a Reshape shape). */
  int64Weight(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: INT64, int64Data: values })
    return name
  }

  /** Appends a node reading `inputs` and returns the name of its single output. */
  node(label: string, spec: NodeSpec): string {
    const output = `${label}_${this.counter++}`
    this.nodes.push({
      opType: spec.op,
      name: output,
      input: spec.inputs,
      output: [output],
      attribute: Object.entries(spec.attributes ?? {}).map(([k, v]) => attribute(k, v))
    })
    return output
  }

  /** The serialized model: input `inputName` [N, …inputDims], output `outputName` [N, …outputDims]. */
  encode(options: {
    inputName: string
    inputDims: number[]
    last: string
    outputName: string
    outputDims: number[]
    opset: number
    docString: string
  }): Uint8Array {
    // The last node writes the graph output directly.
    const lastNode = this.nodes.find((n) => n.output?.[0] === options.last)
    if (lastNode) lastNode.output = [options.outputName]
    else this.nodes.push({ opType: 'Identity', input: [options.last], output: [options.outputName] })
    const model = onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [{ domain: '', version: options.opset }],
      producerName: 'CNN Workbench',
      docString: options.docString,
      graph: {
        name: 'cnn_workbench',
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(options.inputName, ['N', ...options.inputDims])],
        output: [valueInfo(options.outputName, ['N', ...options.outputDims])]
      }
    })
    return onnx.ModelProto.encode(model).finish()
  }
}
