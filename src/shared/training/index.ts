/** Training settings, progress events, the run folder's public files and the metrics over predictions (pure: zod only). */
export * from './trainingSettings'
export * from './trainingProgress'
export * from './runJson'
export * from './evaluationJson'
export * from './classificationMetrics'
export { learningRateAt } from './learningRate'
export * from './deepMnist'
