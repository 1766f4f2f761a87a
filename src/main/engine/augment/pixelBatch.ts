import * as tf from '@tensorflow/tfjs'

export interface ImageShape {
  height: number
  width: number
  channels: number
}

/**
 * uint8 HWC images → a float32 [n, h, w, c] batch in [0, 1]. The division happens here in JavaScript (not
 * as a tensor op) so the floats are the same on every backend: the training loader and the preview should
 * both build their batches with this, which is what makes them agree to the byte.
 */
export function pixelsToBatch(images: readonly Uint8Array[], shape: ImageShape): tf.Tensor4D {
  const { height, width, channels } = shape
  const size = height * width * channels
  const values = new Float32Array(images.length * size)
  images.forEach((image, i) => {
    if (image.length !== size) {
      throw new Error(
        `image ${i} has ${image.length} values but ${height}×${width}×${channels} needs ${size}; ` +
          'decode every image to the same size and channel count first'
      )
    }
    const offset = i * size
    for (let j = 0; j < size; j++) values[offset + j] = (image[j] ?? 0) / 255
  })
  return tf.tensor4d(values, [images.length, height, width, channels])
}

/** A float batch in [0, 1] → one uint8 HWC array per image (rounded, clipped). Reads the tensor, keeps it. */
export function batchToPixels(batch: tf.Tensor4D): Uint8Array[] {
  const [n, height, width, channels] = batch.shape
  const size = height * width * channels
  const values = batch.dataSync()
  const images: Uint8Array[] = []
  for (let i = 0; i < n; i++) {
    const image = new Uint8Array(size)
    const offset = i * size
    for (let j = 0; j < size; j++) {
      const v = values[offset + j] ?? 0
      image[j] = Math.round(Math.min(1, Math.max(0, v)) * 255)
    }
    images.push(image)
  }
  return images
}
