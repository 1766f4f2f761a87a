import type { NetworkInputShape, NetworkSpec } from './networkSpec'
import { checkClassifier, collectWarnings } from './networkChecks'
import { inferShapes, type LayerReport, type NetworkIssue } from './shapeInference'

export interface SummarizeOptions {
  /** The dataset's number of classes; when given, the classifier's units must match it. */
  classes?: number
}

/** The public summary (`cnn-workbench network summary --json` prints exactly this). */
export interface NetworkSummary {
  input: NetworkInputShape | null
  layers: LayerReport[]
  /** Shape of the network's output per image; null when it cannot be computed. */
  outputShape: number[] | null
  totalParams: number
  trainableParams: number
  nonTrainableParams: number
  multiplyAdds: number
  /** Activation memory per image (input plus every layer's output, float32), the forward pass only. */
  memoryBytes: number
  /** Size of the weights as float32. */
  paramBytes: number
  errors: NetworkIssue[]
  warnings: NetworkIssue[]
  /** The spec with every default filled in; null when a setting is invalid. */
  spec: NetworkSpec | null
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

/**
 * Shapes, parameter counts, costs, errors and warnings of a spec as written by hand or held by the
 * editor (anything: it is validated here). Errors are sorted by layer, network-wide ones (-1) first.
 */
export function summarizeNetwork(spec: unknown, options: SummarizeOptions = {}): NetworkSummary {
  const inferred = inferShapes(spec)
  const { layers, parsedLayers, input } = inferred
  const errors = [...inferred.errors]
  errors.push(...checkClassifier(parsedLayers, options.classes))
  errors.sort((a, b) => a.layer - b.layer)

  const totalParams = sum(layers.map((l) => l.params))
  const trainableParams = sum(layers.map((l) => l.trainableParams))
  const lastLayer = layers[layers.length - 1]
  const inputBytes = input ? input.height * input.width * input.channels * 4 : 0
  return {
    input,
    layers,
    outputShape: lastLayer
      ? lastLayer.outputShape
      : input
        ? [input.height, input.width, input.channels]
        : null,
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
    multiplyAdds: sum(layers.map((l) => l.multiplyAdds)),
    memoryBytes: inputBytes + sum(layers.map((l) => l.memoryBytes)),
    paramBytes: totalParams * 4,
    errors,
    warnings: collectWarnings(parsedLayers, layers),
    spec: inferred.spec
  }
}
