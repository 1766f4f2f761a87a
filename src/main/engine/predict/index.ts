/** Predicting classes of new images with an exported or trained model. */
export { loadPredictor, type Predictor, type Prediction, type ClassScore } from './loadPredictor'
export { prepareImage, type ImageSource, type PreparedImage } from './preprocessImages'
export { loadLayersModelFromFolder } from './modelFolderIo'
export {
  evaluateExport,
  loadExportFor,
  loadInitialWeights,
  manifestMismatch,
  readExportManifest
} from './exportedModel'
