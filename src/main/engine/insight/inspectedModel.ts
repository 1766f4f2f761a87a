import type * as tf from '@tensorflow/tfjs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import { loadModelAndManifest } from '../predict/loadModelAndManifest'
import { MODEL_DIR } from '../training/modelFiles'
import { networkLayers, type NetworkLayer } from './networkLayers'

/** A trained network opened for inspection: the model, how its images are prepared, and its layers by spec index. */
export interface InspectedModel {
  dir: string
  model: tf.LayersModel
  manifest: PreprocessingManifest
  layers: NetworkLayer[]
}

/** Loads a run folder or an exported TF.js folder; dispose `model` when done. */
export async function loadInspectedModel(dir: string): Promise<InspectedModel> {
  const loaded = await loadModelAndManifest(dir)
  try {
    return { ...loaded, layers: networkLayers(loaded.model, loaded.manifest.network) }
  } catch (error) {
    loaded.model.dispose()
    throw error
  }
}

/** What changes when the model on disk does: the modification times of the files it is read from. */
async function stamp(dir: string): Promise<string> {
  const files = ['run.json', 'model.json', 'weights.bin', path.join(MODEL_DIR, 'weights.bin')]
  const times = await Promise.all(
    files.map((f) =>
      stat(path.join(dir, f)).then(
        (s) => s.mtimeMs,
        () => 0
      )
    )
  )
  return times.join(':')
}

/**
 * Keeps the last model looked into, so the inspector's requests for one image (maps, filters, Grad-CAM)
 * and Grad-CAMs of a whole confusion cell load it once. Work runs one request at a time, so a model is
 * never disposed while a request still uses it.
 */
export class InspectedModelCache {
  private current: { dir: string; stamp: string; model: InspectedModel } | null = null
  private queue: Promise<unknown> = Promise.resolve()

  /** Runs `work` with the model of `dir` once every earlier request is done. */
  use<T>(dir: string, work: (model: InspectedModel) => Promise<T> | T): Promise<T> {
    const next = this.queue.then(async () => work(await this.load(path.resolve(dir))))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async load(dir: string): Promise<InspectedModel> {
    const now = await stamp(dir)
    if (this.current?.dir === dir && this.current.stamp === now) return this.current.model
    this.dispose()
    const model = await loadInspectedModel(dir)
    this.current = { dir, stamp: now, model }
    return model
  }

  dispose(): void {
    this.current?.model.model.dispose()
    this.current = null
  }
}
