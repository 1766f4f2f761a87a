/** Export formats, the preprocessing manifest and the Keras/PyTorch code generators (pure). */
export * from './exportManifest'
export { generateKerasScript } from './kerasCode'
export { generatePytorchModule } from './pytorchCode'
