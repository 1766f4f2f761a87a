import * as tf from '@tensorflow/tfjs'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import { pixelsToBatch } from '../augment/pixelBatch'
import { loadModelAndManifest } from './loadModelAndManifest'
import { prepareImage, type ImageSource } from './preprocessImages'

export interface ClassScore {
  class: string
  index: number
  probability: number
}

/** One image's result: the top classes, or why the image could not be used. */
export type Prediction = { top: ClassScore[]; error?: undefined } | { top: []; error: string }

export interface Predictor {
  manifest: PreprocessingManifest
  /** Results in the order of `images`; an unreadable image gets an error instead of aborting the batch. */
  predict: (images: readonly ImageSource[], topK?: number) => Promise<Prediction[]>
  dispose: () => void
}

const BATCH = 64

function topClasses(row: Float32Array, classes: string[], topK: number): ClassScore[] {
  return Array.from(row, (probability, index) => ({
    class: classes[index] ?? `class ${index}`,
    index,
    probability
  }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, Math.max(1, topK))
}

/**
 * Loads a model to predict with: a TF.js export folder (model.json + preprocessing.json) or a training
 * run folder (its model/ with run.json's input and classes). Images are preprocessed as in training.
 */
export async function loadPredictor(modelDirOrRunDir: string): Promise<Predictor> {
  const { model, manifest } = await loadModelAndManifest(modelDirOrRunDir)
  const predictBatch = (images: Uint8Array[]): Float32Array => {
    const probabilities = tf.tidy(() => {
      const output = model.predict(pixelsToBatch(images, manifest.input)) as tf.Tensor2D
      return manifest.output === 'logits' ? tf.softmax(output) : output
    })
    try {
      return probabilities.dataSync() as Float32Array
    } finally {
      probabilities.dispose()
    }
  }
  return {
    manifest,
    dispose: () => model.dispose(),
    async predict(images, topK = 3) {
      const results: Prediction[] = new Array(images.length)
      const ready: { at: number; pixels: Uint8Array }[] = []
      for (let i = 0; i < images.length; i++) {
        const prepared = await prepareImage(images[i] as ImageSource, manifest)
        if (prepared.ok) ready.push({ at: i, pixels: prepared.pixels })
        else results[i] = { top: [], error: prepared.reason }
      }
      const classes = manifest.classes.length
      for (let start = 0; start < ready.length; start += BATCH) {
        const batch = ready.slice(start, start + BATCH)
        const values = predictBatch(batch.map((b) => b.pixels))
        const width = values.length / batch.length
        if (width !== classes) {
          throw new Error(
            `The model gives ${width} outputs per image but the manifest lists ${classes} classes.`
          )
        }
        batch.forEach((b, j) => {
          results[b.at] = {
            top: topClasses(values.subarray(j * width, (j + 1) * width), manifest.classes, topK)
          }
        })
      }
      return results
    }
  }
}
