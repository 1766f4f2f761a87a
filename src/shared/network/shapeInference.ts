import { LAYER_KINDS, LayerSpec, NetworkInputShape, type LayerKind, type NetworkSpec } from './networkSpec'
import { inferLayerShape, type FlatOrigin } from './layerShapes'
import { formatIssue } from './specIssues'

/** A problem found in a spec. `layer` counts from 0 in `layers`; -1 means the network as a whole. */
export interface NetworkIssue {
  layer: number
  message: string
}

export interface LayerReport {
  index: number
  /** The layer's `type`, or 'unknown' when it is not one of the known kinds. */
  kind: LayerKind | 'unknown'
  /** Per image, without the batch axis; null when it cannot be computed (this or an earlier layer is broken). */
  outputShape: number[] | null
  params: number
  trainableParams: number
  multiplyAdds: number
  /** Activation memory of this layer's output for one image, float32. */
  memoryBytes: number
  formula?: { height: string; width: string }
}

export interface ShapeInference {
  input: NetworkInputShape | null
  layers: LayerReport[]
  /** The parsed spec with defaults filled in, or null when any setting is invalid. */
  spec: NetworkSpec | null
  /** Parsed layers, null where that layer's settings are invalid. */
  parsedLayers: (LayerSpec | null)[]
  errors: NetworkIssue[]
}

const BYTES_PER_FLOAT = 4

function kindOf(raw: unknown): LayerKind | 'unknown' {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined
  return LAYER_KINDS.find((k) => k === type) ?? 'unknown'
}

function emptyReport(index: number, kind: LayerKind | 'unknown'): LayerReport {
  return { index, kind, outputShape: null, params: 0, trainableParams: 0, multiplyAdds: 0, memoryBytes: 0 }
}

/**
 * Parses a spec (as written by hand or held by the editor) layer by layer and infers every shape it can.
 * Settings errors are reported for every layer; shapes stop at the first layer that cannot be computed,
 * so one misplaced layer does not cascade into a wall of follow-on errors.
 */
export function inferShapes(raw: unknown): ShapeInference {
  const errors: NetworkIssue[] = []
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ layer: -1, message: 'the network must be an object with "input" and "layers"' })
    return { input: null, layers: [], spec: null, parsedLayers: [], errors }
  }
  const { input: rawInput, layers: rawLayers, ...extra } = raw as Record<string, unknown>
  for (const key of Object.keys(extra)) {
    errors.push({ layer: -1, message: `unknown setting "${key}"; a network has only "input" and "layers"` })
  }
  const inputResult = NetworkInputShape.safeParse(rawInput)
  if (!inputResult.success) {
    for (const issue of inputResult.error.issues)
      errors.push({ layer: -1, message: formatIssue(issue, ['input']) })
  }
  if (!Array.isArray(rawLayers)) {
    errors.push({ layer: -1, message: 'layers: must be a list of layers' })
    return { input: inputResult.data ?? null, layers: [], spec: null, parsedLayers: [], errors }
  }

  const parsedLayers = rawLayers.map((rawLayer: unknown, index) => {
    const result = LayerSpec.safeParse(rawLayer)
    if (result.success) return result.data
    for (const issue of result.error.issues) errors.push({ layer: index, message: formatIssue(issue) })
    return null
  })

  const reports: LayerReport[] = []
  let shape: number[] | null = inputResult.success
    ? [inputResult.data.height, inputResult.data.width, inputResult.data.channels]
    : null
  let flatOrigin: FlatOrigin | null = null
  parsedLayers.forEach((layer, index) => {
    const report = emptyReport(index, kindOf(rawLayers[index]))
    reports.push(report)
    if (layer === null || shape === null) {
      shape = null
      return
    }
    const step = inferLayerShape(layer, shape, flatOrigin)
    if (!step.ok) {
      errors.push({ layer: index, message: step.message })
      shape = null
      return
    }
    const { outputShape, params, trainableParams, multiplyAdds, formula } = step.value
    Object.assign(report, { outputShape, params, trainableParams, multiplyAdds })
    report.memoryBytes = outputShape.reduce((a, b) => a * b, 1) * BYTES_PER_FLOAT
    if (formula) report.formula = formula
    if (shape.length === 3 && outputShape.length === 1) flatOrigin = { index, kind: layer.type }
    shape = outputShape
  })

  const settingsValid =
    inputResult.success && Object.keys(extra).length === 0 && parsedLayers.every((l) => l !== null)
  const spec = settingsValid ? { input: inputResult.data, layers: parsedLayers as LayerSpec[] } : null
  return { input: inputResult.data ?? null, layers: reports, spec, parsedLayers, errors }
}
