import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { contentTypeOf } from './contentTypes'

export interface StaticFile {
  body: Buffer
  contentType: string
}

/**
 * A file of the built renderer; unknown paths fall back to index.html, nothing outside the folder is
 * served. `pathname` is the request's path already decoded (see parseRequestTarget).
 */
export async function readStaticFile(rootDir: string, pathname: string): Promise<StaticFile | null> {
  const candidate = path.resolve(rootDir, '.' + path.posix.normalize('/' + pathname))
  if (!candidate.startsWith(path.resolve(rootDir) + path.sep) && candidate !== path.resolve(rootDir))
    return null
  const file = (await isFile(candidate)) ? candidate : path.join(rootDir, 'index.html')
  if (!(await isFile(file))) return null
  return {
    body: await readFile(file),
    contentType: contentTypeOf(file)
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile()
  } catch {
    return false
  }
}
