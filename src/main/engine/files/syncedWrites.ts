import { open } from 'node:fs/promises'

/** Writes a file and waits until its bytes are on disk, so a rename after it can never expose a torn file. */
export async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Flushes a folder's entries (renames, new files), so they survive a power cut as well as a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The sub-folders named by files' relative names ("model/weights.bin" → "model"), each once. */
export function subFolders(files: Record<string, unknown>): string[] {
  const folders = Object.keys(files).map((name) => name.split('/').slice(0, -1).join('/'))
  return [...new Set(folders.filter((folder) => folder !== ''))]
}
