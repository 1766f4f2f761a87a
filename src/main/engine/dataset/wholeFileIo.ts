import { open, type FileHandle } from 'node:fs/promises'

/** One write(2) moves at most about 2 GB, so large parts go out in chunks. */
const CHUNK_BYTES = 256 * 1024 * 1024

export async function writeAll(handle: FileHandle, part: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < part.byteLength) {
    const length = Math.min(CHUNK_BYTES, part.byteLength - offset)
    const { bytesWritten } = await handle.write(part, offset, length)
    offset += bytesWritten
  }
}

/** Reads a whole file into one buffer; unlike fs.readFile this also works past 2 GB. */
export async function readWhole(file: string): Promise<Buffer | null> {
  const handle = await open(file, 'r').catch(() => null)
  if (!handle) return null
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.allocUnsafeSlow(size)
    let offset = 0
    while (offset < size) {
      const { bytesRead } = await handle.read(buffer, offset, Math.min(CHUNK_BYTES, size - offset), offset)
      if (bytesRead === 0) return null
      offset += bytesRead
    }
    return buffer
  } catch {
    return null
  } finally {
    await handle.close()
  }
}
