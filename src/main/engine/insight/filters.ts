import type { InspectedModel } from './inspectedModel'
import { findLayer } from './networkLayers'

/** A conv layer's kernels, [kh, kw, in, out] as tfjs keeps them, with their range. */
export interface ConvFilters {
  layer: number
  name: string
  kernelShape: [number, number, number, number]
  min: number
  max: number
  values: Float32Array
}

/** The kernels of every conv layer (the weights, without the bias); read from the model, nothing computed. */
export function convFilters(inspected: InspectedModel): ConvFilters[] {
  return inspected.layers
    .filter((l) => l.kind === 'conv2d')
    .map((l) => {
      const conv = l.tfLayers.find((t) => t.getClassName() === 'Conv2D') ?? l.tfLayers[0]
      const kernel = conv?.getWeights()[0]
      if (!kernel || kernel.rank !== 4) throw new Error(`Layer ${l.layer} has no convolution kernel to show.`)
      const values = kernel.dataSync() as Float32Array
      const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number]
      let min = Infinity
      let max = -Infinity
      for (const v of values) {
        if (v < min) min = v
        if (v > max) max = v
      }
      return { layer: l.layer, name: l.name, kernelShape: [kh, kw, cin, cout], min, max, values }
    })
}

/** One conv layer's kernels, or a sentence saying why the layer has none. */
export function convFiltersOf(inspected: InspectedModel, layer: number): ConvFilters {
  const found = findLayer(inspected.layers, layer)
  const filters = convFilters(inspected).find((f) => f.layer === layer)
  if (!filters) throw new RangeError(`Layer ${layer} is ${found.kind}, not a conv layer: it has no filters.`)
  return filters
}
