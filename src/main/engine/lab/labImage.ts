import { WorkbenchError } from '../../../shared/workbenchError'
import { DEFAULT_PIXEL_LIMIT, toInputLayout } from '../dataset/decodeImage'
import { DecoderUnavailableError, sharp, type Sharp } from '../dataset/imageDecoder'

/** A picture for the Lab: a file, a file's bytes, or pixels the engine already holds. */
export type LabImageInput =
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; name: string; bytes: Buffer }
  | { kind: 'raw'; name: string; pixels: Uint8Array; height: number; width: number; channels: number }

export interface LabImage {
  pixels: Uint8Array
  height: number
  width: number
  channels: 1 | 3
  /** [height, width] before it was scaled down to fit `maxSide`; null when it was not. */
  scaledFrom: [number, number] | null
}

function open(input: LabImageInput): Sharp {
  const options = { failOn: 'truncated' as const, limitInputPixels: DEFAULT_PIXEL_LIMIT }
  if (input.kind === 'file') return sharp(input.path, options)
  if (input.kind === 'bytes') return sharp(input.bytes, options)
  const { pixels, height, width, channels } = input
  return sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), {
    raw: { height, width, channels: channels as 1 | 3 | 4 }
  })
}

const nameOf = (input: LabImageInput): string => (input.kind === 'file' ? input.path : input.name)

/**
 * Decodes a picture with the app's own decoder (EXIF orientation, alpha onto black) to greyscale or RGB
 * at its own size, scaled down to fit `maxSide` when it is larger. Throws a WorkbenchError a person can
 * act on when it is not a readable image.
 */
export async function readLabImage(
  input: LabImageInput,
  channels: 1 | 3,
  maxSide = Infinity
): Promise<LabImage> {
  try {
    const meta = await open(input).metadata()
    const turned = meta.autoOrient ?? meta
    const height0 = turned.height ?? 0
    const width0 = turned.width ?? 0
    if (height0 === 0 || width0 === 0) throw new Error('no size')
    const scale = Math.min(1, maxSide / Math.max(height0, width0))
    const height = Math.max(1, Math.round(height0 * scale))
    const width = Math.max(1, Math.round(width0 * scale))
    const data = await toInputLayout(open(input), { height, width, channels }, 'stretch').toBuffer()
    return {
      pixels: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      height,
      width,
      channels,
      scaledFrom: scale < 1 ? [height0, width0] : null
    }
  } catch (error) {
    // No decoder may run in this process: its own message says what to do, and it is not the file's fault.
    if (error instanceof DecoderUnavailableError) throw error
    const message = error instanceof Error ? error.message : String(error)
    const reason = /unsupported image format|no size/i.test(message)
      ? 'it is not an image the app can decode (PNG, JPEG, WebP, GIF or TIFF)'
      : /pixel limit/i.test(message)
        ? 'it has more pixels than the app decodes'
        : /ENOENT|Input file is missing/.test(message)
          ? 'there is no such file'
          : `it is truncated or corrupt (${message})`
    throw new WorkbenchError('bad-input', `${nameOf(input)} cannot be used: ${reason}.`)
  }
}

/** uint8 pixels as floats in [0, 1] (x/255, as training reads images). */
export function unitFloats(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length)
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] ?? 0) / 255
  return out
}
