import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

/** Total bytes of all files in the cache folder. */
export async function cacheBytes(dir: string): Promise<number> {
  let total = 0
  for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size
  return total
}
