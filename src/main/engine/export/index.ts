/** Exporting a run's trained model to TF.js, ONNX, Keras and PyTorch folders. */
export { exportRun, describeExport, type ExportResult, type ExportOptions } from './exportRun'
export { buildOnnxModel, ONNX_INPUT, ONNX_OUTPUT, ONNX_OPSET } from './onnxExport'
export { loadRunModel, manifestForRun, type RunModel } from './runModel'
export { writeExportFolder, recoverInterruptedExport } from './exportFolder'
export { exportContents } from './exportContents'
