/** The file's bytes as base64 (what `predict.images` takes), read with FileReader. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(new Error('The file could not be read; it may have been moved or deleted.'))
    reader.readAsDataURL(file)
  })
}

export interface ImagePayload {
  data: string
  /** Set when the image was shrunk to fit the connection, so the card can say so. */
  note: string | null
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function canvasBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, 0.92))
}

/**
 * Large photos do not fit one message to the server. The network sees at most a few hundred pixels,
 * so the browser scales them down (aspect ratio kept, so every resize mode still frames them the same).
 */
async function shrink(file: File, maxChars: number): Promise<ImagePayload | null> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    return null
  }
  try {
    for (const side of [1024, 512, 256]) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height))
      const canvas = document.createElement('canvas')
      canvas.width = Math.max(1, Math.round(bitmap.width * scale))
      canvas.height = Math.max(1, Math.round(bitmap.height * scale))
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
      for (const type of ['image/png', 'image/jpeg']) {
        const blob = await canvasBlob(canvas, type)
        if (!blob) continue
        const data = await fileToBase64(blob)
        if (data.length <= maxChars) {
          const note = `Sent scaled down to ${canvas.width}×${canvas.height} (the original ${megabytes(file.size)} is too large to send whole).`
          return { data, note }
        }
      }
    }
    return null
  } finally {
    bitmap.close()
  }
}

/** What to send for one chosen file; throws a sentence when it can be neither sent nor shrunk. */
export async function imagePayload(file: File, maxChars: number): Promise<ImagePayload> {
  const data = await fileToBase64(file)
  if (data.length <= maxChars) return { data, note: null }
  const shrunk = await shrink(file, maxChars)
  if (shrunk) return shrunk
  throw new Error(
    `This file is ${megabytes(file.size)}, too large to send, and the browser could not scale it down; save a smaller copy and try that.`
  )
}
