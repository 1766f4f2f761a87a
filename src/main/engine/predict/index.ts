/** Predicting classes of new images with an exported or trained model. */
export { loadPredictor } from './loadPredictor'
export { loadLayersModelFromFolder } from './modelFolderIo'
export { readExportManifest } from './exportedModel'
