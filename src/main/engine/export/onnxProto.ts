// onnx-proto is CommonJS whose named export Node's ESM loader cannot see; its default export is the root.
import onnxProto from 'onnx-proto'

export const onnx = onnxProto.onnx
