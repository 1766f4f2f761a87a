/** The network spec, its validation, shape inference, summary and templates (pure: zod only). */
export * from './networkSpec'
export * from './shapeInference'
export { windowOutputSize, samePaddingTotal, describeWindowAxis } from './spatialMath'
export { summarizeNetwork, type NetworkSummary } from './summary'
export { formatSummaryText, formatBytes } from './summaryText'
export { parseSpecJson } from './parseSpec'
export { withClassCount, defaultLayer } from './specEdits'
export * from './templates'
