import type { LayerMaps, SaliencyMap } from '../../../shared/routes/insightRoutes'
import type { LayerOutput } from './featureMaps'
import type { Saliency } from './saliency'

/** Float32 values as the contract carries them: their little-endian bytes, base64. */
export function toBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64')
}

/**
 * A layer's output for the inspector. Per-channel ranges go only with maps: a vector's "channels" are its
 * values, already in `values`.
 */
export function layerMapsForWire(layer: LayerOutput): LayerMaps {
  return {
    layer: layer.layer,
    kind: layer.kind,
    name: layer.name,
    shape: layer.shape,
    min: layer.min,
    max: layer.max,
    channels: layer.shape.length === 3 ? layer.channels : [],
    values: layer.sameValuesAs === null ? toBase64(layer.values) : null,
    sameValuesAs: layer.sameValuesAs
  }
}

export function saliencyForWire(saliency: Saliency, classes: readonly string[]): SaliencyMap {
  let min = Infinity
  let max = -Infinity
  for (const v of saliency.values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return {
    classIndex: saliency.classIndex,
    className: classes[saliency.classIndex] ?? String(saliency.classIndex),
    probability: saliency.probability,
    method: saliency.method,
    layer: saliency.layer,
    shape: saliency.shape,
    min,
    max,
    values: toBase64(saliency.values)
  }
}
