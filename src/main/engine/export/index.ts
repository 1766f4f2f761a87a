/** Exporting a run's trained model to TF.js, ONNX, Keras and PyTorch folders. */
export { exportRun, describeExport } from './exportRun'
