/** The most images one `predict.images` call accepts. */
export const MAX_IMAGES_PER_CALL = 64

/**
 * Serve mode carries each call in one WebSocket message of at most 1 MiB; leaving room for the
 * envelope, the base64 of one call's images stays under this.
 */
export const MAX_PAYLOAD_CHARS = 900_000

/**
 * Splits images into calls that each fit the connection: at most 64 images and `maxChars` of base64.
 * An image bigger than `maxChars` on its own still gets a call of its own (it is shrunk before this).
 */
export function predictionBatches<T extends { data: string }>(
  images: readonly T[],
  maxChars = MAX_PAYLOAD_CHARS
): T[][] {
  const batches: T[][] = []
  let current: T[] = []
  let chars = 0
  for (const image of images) {
    const full = current.length >= MAX_IMAGES_PER_CALL || chars + image.data.length > maxChars
    if (current.length > 0 && full) {
      batches.push(current)
      current = []
      chars = 0
    }
    current.push(image)
    chars += image.data.length
  }
  if (current.length > 0) batches.push(current)
  return batches
}
