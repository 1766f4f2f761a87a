import { readFileSync } from 'node:fs'
import { DecoderUnavailableError, sharp, type Sharp } from './imageDecoder'
import type { InputShape, ResizeMode } from '../../../shared/datasetSchemas'
import { claimedFormat, readImageHeader } from './imageHeader'

/** Decompression-bomb guard: images over this many pixels are skipped, not decoded. */
export const DEFAULT_PIXEL_LIMIT = 50_000_000

/** A single image that takes longer than this is skipped rather than stalling the import. */
const DECODE_TIMEOUT_SECONDS = 30

export interface DecodeOptions {
  input: InputShape
  resize: ResizeMode
  pixelLimit: number
}

export type DecodeResult =
  { ok: true; width: number; height: number; format: string } | { ok: false; reason: string }

const FIT: Record<ResizeMode, 'fill' | 'contain' | 'cover'> = {
  stretch: 'fill',
  letterbox: 'contain',
  'centre-crop': 'cover'
}

function megapixels(limit: number): string {
  return `${Math.round((limit / 1_000_000) * 10) / 10}-megapixel`
}

/**
 * Turns an opened image into the dataset's uint8 HWC layout: EXIF orientation applied,
 * resized by the chosen mode, alpha flattened onto black, 16-bit reduced to 8-bit.
 */
export function toInputLayout(image: Sharp, input: InputShape, resize: ResizeMode): Sharp {
  // sharp's default background for both letterbox padding and flattening is opaque black;
  // not passing one also saves parsing a colour for every image.
  return image
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
    .autoOrient()
    .resize(input.width, input.height, { fit: FIT[resize], position: 'centre' })
    .flatten()
    .toColourspace(input.channels === 1 ? 'b-w' : 'srgb')
    .raw({ depth: 'uchar' })
}

async function sizeFromSharp(bytes: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  const turned = meta.autoOrient ?? meta
  return { width: turned.width ?? 0, height: turned.height ?? 0 }
}

function describeFailure(error: unknown, claimed: string): string {
  // Not this image's fault: no image can be decoded here, and the open fails with what to do.
  if (error instanceof DecoderUnavailableError) throw error
  const message = error instanceof Error ? error.message : String(error)
  if (/timeout/i.test(message)) return `decoding took longer than ${DECODE_TIMEOUT_SECONDS} s`
  if (/unsupported image format/i.test(message)) return 'not an image'
  return `truncated or corrupt ${claimed}`
}

/**
 * Decodes one file into `target` (exactly H·W·C bytes). Never throws for bad input: every
 * problem comes back as a reason a person can read in the import report.
 */
export async function decodeImageInto(
  file: string,
  target: Uint8Array,
  options: DecodeOptions
): Promise<DecodeResult> {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    return { ok: false, reason: `could not be read (${code})` }
  }
  if (bytes.length === 0) return { ok: false, reason: 'empty file' }
  const header = readImageHeader(bytes)
  if (!header) {
    const claimed = claimedFormat(bytes)
    return { ok: false, reason: claimed ? `truncated or corrupt ${claimed}` : 'not an image' }
  }
  const claimed = header.format === 'webp' ? 'WebP' : header.format.toUpperCase()
  let { width, height } = header
  if (header.format === 'tiff') {
    try {
      ;({ width, height } = await sizeFromSharp(bytes))
    } catch (error) {
      return { ok: false, reason: describeFailure(error, claimed) }
    }
  } else if (header.quarterTurned) {
    ;[width, height] = [height, width]
  }
  if (width * height > options.pixelLimit) {
    return {
      ok: false,
      reason: `image is ${width}×${height} pixels, over the ${megapixels(options.pixelLimit)} limit`
    }
  }
  try {
    const { data, info } = await toInputLayout(
      sharp(bytes, { failOn: 'truncated', limitInputPixels: options.pixelLimit }),
      options.input,
      options.resize
    ).toBuffer({ resolveWithObject: true })
    if (data.length !== target.length) {
      return { ok: false, reason: `could not be converted to ${info.width}×${info.height}×${info.channels}` }
    }
    target.set(data)
    return { ok: true, width, height, format: header.format }
  } catch (error) {
    if (error instanceof DecoderUnavailableError) throw error
    if (/pixel limit/i.test(String(error))) {
      return { ok: false, reason: `image is over the ${megapixels(options.pixelLimit)} limit` }
    }
    return { ok: false, reason: describeFailure(error, claimed) }
  }
}
