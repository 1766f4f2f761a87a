import type { LayerMaps, SaliencyMap } from '../../../../shared/routes/insightRoutes'

/** The bytes of base64 text. */
export function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** Float32 values sent as their little-endian bytes in base64 (a fresh buffer, so always aligned). */
export function base64Floats(b64: string): Float32Array {
  const bytes = base64Bytes(b64)
  return new Float32Array(bytes.buffer, 0, bytes.byteLength / 4)
}

/** A layer's output with its values decoded (a flatten or dropout shares the values of the layer it repeats). */
export type LayerOutput = Omit<LayerMaps, 'values'> & { values: Float32Array }

export function decodeLayers(layers: readonly LayerMaps[]): LayerOutput[] {
  const byLayer = new Map<number, Float32Array>()
  return layers.map((l) => {
    const values =
      l.values !== null ? base64Floats(l.values) : (byLayer.get(l.sameValuesAs ?? -1) ?? new Float32Array())
    byLayer.set(l.layer, values)
    return { ...l, values }
  })
}

export type DecodedSaliency = Omit<SaliencyMap, 'values'> & { values: Float32Array }

export function decodeSaliency(map: SaliencyMap): DecodedSaliency {
  return { ...map, values: base64Floats(map.values) }
}
