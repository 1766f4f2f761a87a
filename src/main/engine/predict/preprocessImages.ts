import { DecoderUnavailableError, sharp } from '../dataset/imageDecoder'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import { decodeImageInto, DEFAULT_PIXEL_LIMIT, toInputLayout } from '../dataset/decodeImage'

/** An image to predict: a file path or the file's bytes. */
export type ImageSource = string | Buffer

export type PreparedImage = { ok: true; pixels: Uint8Array } | { ok: false; reason: string }

/**
 * Decodes one image exactly as the dataset import did for training (same resize mode, size, channels,
 * alpha onto black), giving uint8 HWC pixels; problems come back as a reason, never as an exception.
 */
export async function prepareImage(
  image: ImageSource,
  manifest: PreprocessingManifest,
  pixelLimit = DEFAULT_PIXEL_LIMIT
): Promise<PreparedImage> {
  const { input, resize } = manifest
  const pixels = new Uint8Array(input.height * input.width * input.channels)
  if (typeof image === 'string') {
    const result = await decodeImageInto(image, pixels, { input, resize, pixelLimit })
    return result.ok ? { ok: true, pixels } : { ok: false, reason: result.reason }
  }
  if (image.length === 0) return { ok: false, reason: 'empty file' }
  try {
    const data = await toInputLayout(
      sharp(image, { failOn: 'truncated', limitInputPixels: pixelLimit }),
      input,
      resize
    ).toBuffer()
    if (data.length !== pixels.length)
      return { ok: false, reason: 'could not be converted to the model input' }
    pixels.set(data)
    return { ok: true, pixels }
  } catch (error) {
    if (error instanceof DecoderUnavailableError) throw error
    const message = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      reason: /unsupported image format/i.test(message) ? 'not an image' : `cannot be decoded (${message})`
    }
  }
}
