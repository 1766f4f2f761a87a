import type * as tf from '@tensorflow/tfjs'
import { networkLayers } from '../../../src/main/engine/insight/networkLayers'
import type { InspectedModel } from '../../../src/main/engine/insight/inspectedModel'
import type { NetworkSpec } from '../../../src/shared/network'
import { seeded } from '../export/exportFixtures'

/** An in-memory model opened for inspection as a run would be (x/255 input, the spec's layer indexes). */
export function inspectedInMemory(
  model: tf.LayersModel,
  spec: NetworkSpec,
  classes: string[]
): InspectedModel {
  const channels = spec.input.channels === 1 ? 1 : 3
  return {
    dir: '',
    model,
    manifest: {
      input: { height: spec.input.height, width: spec.input.width, channels },
      resize: 'stretch',
      normalization: 'x/255',
      classes,
      output: 'probabilities',
      network: spec
    },
    layers: networkLayers(model, spec)
  }
}

/** Random uint8 HWC pixels. */
export function randomPixels(height: number, width: number, channels: number, seed: number): Uint8Array {
  const random = seeded(seed)
  return Uint8Array.from({ length: height * width * channels }, () => Math.floor(random() * 256))
}

/** Largest absolute difference between two arrays of the same length. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)))
  return worst
}
