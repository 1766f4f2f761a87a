import * as tf from '@tensorflow/tfjs'
import { pixelsToBatch } from '../augment/pixelBatch'
import { applyLayers } from './classScores'
import type { InspectedModel } from './inspectedModel'
import { checkpoint, type InsightContext } from './insightWork'
import { findLayer } from './networkLayers'
import { channelStats, type ChannelStats } from './channelStats'

/** One layer's output for one image, with its value range overall and per channel (last axis). */
export interface LayerOutput {
  layer: number
  kind: string
  name: string
  shape: number[]
  min: number
  max: number
  channels: ChannelStats[]
  values: Float32Array
  /** Flatten and dropout (off at inference) give the values of the layer before them, in the same order. */
  sameValuesAs: number | null
}

export interface ImageFeatureMaps {
  probabilities: Float32Array
  predicted: number
  layers: LayerOutput[]
}

const REPEATS_INPUT = new Set(['flatten', 'dropout'])

/**
 * The output of every layer (or of `only`) for one image: the network truncated after each layer, run
 * in inference mode, layer by layer so the work can stop between layers. The probabilities are the
 * network's own, as prediction gives them.
 */
export async function featureMaps(
  inspected: InspectedModel,
  pixels: Uint8Array,
  only: readonly number[] | undefined,
  ctx: InsightContext = {}
): Promise<ImageFeatureMaps> {
  const { layers, manifest } = inspected
  only?.forEach((k) => findLayer(layers, k))
  const wanted = (k: number): boolean => !only || only.includes(k)
  const out: LayerOutput[] = []
  let current: tf.Tensor = pixelsToBatch([pixels], manifest.input)
  try {
    for (const [position, layer] of layers.entries()) {
      const input = current
      current = tf.tidy(() => applyLayers(layer.tfLayers, input))
      if (current !== input) input.dispose()
      if (wanted(layer.layer)) {
        const values = current.dataSync() as Float32Array
        const previous = out[out.length - 1]
        const repeats =
          REPEATS_INPUT.has(layer.kind) && previous?.layer === layers[position - 1]?.layer ? previous : null
        out.push({
          layer: layer.layer,
          kind: layer.kind,
          name: layer.name,
          shape: current.shape.slice(1),
          ...channelStats(values, current.shape[current.shape.length - 1] ?? 1),
          values,
          sameValuesAs: repeats ? (repeats.sameValuesAs ?? repeats.layer) : null
        })
      }
      ctx.onProgress?.({ phase: 'feature maps', done: position + 1, total: layers.length })
      await checkpoint(ctx)
    }
    const output = current as tf.Tensor2D
    const probabilities = tf.tidy(() => (manifest.output === 'logits' ? tf.softmax(output) : output.clone()))
    try {
      const p = probabilities.dataSync() as Float32Array
      const predicted = p.reduce((best, v, i) => (v > (p[best] ?? -Infinity) ? i : best), 0)
      return { probabilities: p, predicted, layers: out }
    } finally {
      probabilities.dispose()
    }
  } finally {
    current.dispose()
  }
}
