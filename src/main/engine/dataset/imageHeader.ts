/**
 * Reads an image's format and size from its first bytes, in JavaScript. Asking sharp for
 * metadata costs a second trip through the thread pool per image, which for small images
 * (MNIST-like sets) is as slow as the decode itself.
 */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff'
  /** Unknown (0) for TIFF, whose size is asked from sharp instead. */
  width: number
  height: number
  /** EXIF orientation 5–8 means the picture is shown turned by a quarter. */
  quarterTurned: boolean
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function startsWith(bytes: Buffer, values: number[]): boolean {
  return bytes.length >= values.length && values.every((value, i) => bytes[i] === value)
}

function ascii(bytes: Buffer, start: number, length: number): string {
  return bytes.toString('latin1', start, start + length)
}

function exifOrientation(bytes: Buffer, start: number, end: number): number {
  // APP1 payload: "Exif\0\0", then a TIFF header whose IFD0 may hold tag 0x0112 (orientation).
  if (ascii(bytes, start, 6) !== 'Exif\0\0') return 1
  const tiff = start + 6
  if (tiff + 8 > end) return 1
  const little = ascii(bytes, tiff, 2) === 'II'
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at))
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at))
  const ifd = tiff + u32(tiff + 4)
  if (ifd + 2 > end) return 1
  const entries = u16(ifd)
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12
    if (entry + 12 > end) return 1
    if (u16(entry) === 0x0112) return u16(entry + 8)
  }
  return 1
}

function jpegHeader(bytes: Buffer): ImageHeader | null {
  let orientation = 1
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1] as number
    if (marker === 0xff) {
      at++
      continue
    }
    const length = bytes.readUInt16BE(at + 2)
    if (marker === 0xe1) orientation = exifOrientation(bytes, at + 4, Math.min(bytes.length, at + 2 + length))
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isStartOfFrame) {
      const height = bytes.readUInt16BE(at + 5)
      const width = bytes.readUInt16BE(at + 7)
      return { format: 'jpeg', width, height, quarterTurned: orientation >= 5 && orientation <= 8 }
    }
    if (marker === 0xda) return null
    at += 2 + length
  }
  return null
}

function webpHeader(bytes: Buffer): ImageHeader | null {
  if (bytes.length < 30) return null
  const chunk = ascii(bytes, 12, 4)
  const header = (width: number, height: number): ImageHeader => ({
    format: 'webp',
    width,
    height,
    quarterTurned: false
  })
  if (chunk === 'VP8 ') return header(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff)
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21)
    return header((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1)
  }
  if (chunk === 'VP8X') return header(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1)
  return null
}

/** The header of a supported image, or null when the bytes are not one of the formats we read. */
export function readImageHeader(bytes: Buffer): ImageHeader | null {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null
    return {
      format: 'png',
      width: bytes.readUInt32BE(16),
      height: bytes.readUInt32BE(20),
      quarterTurned: false
    }
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpegHeader(bytes)
  if (bytes.length >= 10 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return {
      format: 'gif',
      width: bytes.readUInt16LE(6),
      height: bytes.readUInt16LE(8),
      quarterTurned: false
    }
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return webpHeader(bytes)
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { format: 'tiff', width: 0, height: 0, quarterTurned: false }
  }
  return null
}

/** Magic bytes say what kind of file this claims to be, even when its header is cut short. */
export function claimedFormat(bytes: Buffer): string | null {
  if (startsWith(bytes, PNG_SIGNATURE.slice(0, 4))) return 'PNG'
  if (startsWith(bytes, [0xff, 0xd8])) return 'JPEG'
  if (ascii(bytes, 0, 3) === 'GIF') return 'GIF'
  if (ascii(bytes, 0, 4) === 'RIFF') return 'WebP'
  if (startsWith(bytes, [0x49, 0x49, 0x2a]) || startsWith(bytes, [0x4d, 0x4d, 0x00])) return 'TIFF'
  return null
}
