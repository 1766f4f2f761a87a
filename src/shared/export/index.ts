/** Export formats, the preprocessing manifest and the Keras/PyTorch code generators (pure). */
export * from './exportManifest'
export { layerGeometry, windowPads, type LayerGeometry, type SidePads } from './layerGeometry'
export { generateKerasScript } from './kerasCode'
export { generatePytorchModule } from './pytorchCode'
