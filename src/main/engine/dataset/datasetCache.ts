import { createHash, randomBytes } from 'node:crypto'
import { open, readdir, rename, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { InputShape, ResizeMode } from '../../../shared/datasetSchemas'
import { makeFolder } from '../files/writeTarget'
import { throwIfAborted } from './datasetErrors'
import { readWhole, writeAll } from './wholeFileIo'

const MAGIC = 'CNNWBDS1'
const HEADER_BYTES = 64
const FORMAT_VERSION = 1

/** Decoded images as the cache stores them; labels are class indexes of the source's class list. */
export interface DecodedSet {
  input: InputShape
  resize: ResizeMode
  pixels: Uint8Array
  /** Position of each image in the caller's source list (e.g. the scan), for its path and label. */
  sourceIndex: Int32Array
  widths: Int32Array
  heights: Int32Array
  formats: string[]
  skipped: Array<{ path: string; reason: string }>
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return path.join(base, 'cnn-workbench', 'datasets')
}

/** A cache file name: `<source>-<content>.dataset`; an older content of the same source is replaced. */
export interface CacheKey {
  source: string
  content: string
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function fileName(key: CacheKey): string {
  return `${key.source}-${key.content}.dataset`
}

function aligned(length: number): number {
  return Math.ceil(length / 8) * 8
}

interface Layout {
  json: Buffer
  parts: Uint8Array[]
}

function layout(set: DecodedSet): Layout {
  const count = set.sourceIndex.length
  const formatNames = [...new Set(set.formats)]
  const formatCodes = new Uint8Array(aligned(count))
  set.formats.forEach((format, i) => (formatCodes[i] = formatNames.indexOf(format)))
  const meta = {
    version: FORMAT_VERSION,
    count,
    input: set.input,
    resize: set.resize,
    formatNames,
    skipped: set.skipped
  }
  const jsonText = Buffer.from(JSON.stringify(meta), 'utf8')
  const json = Buffer.alloc(aligned(jsonText.length))
  jsonText.copy(json)
  const bytes = (array: Int32Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
  const pad = new Uint8Array(aligned(count * 4) - count * 4)
  return {
    json,
    parts: [
      json,
      bytes(set.sourceIndex),
      pad,
      bytes(set.widths),
      pad,
      bytes(set.heights),
      pad,
      formatCodes,
      set.pixels
    ]
  }
}

/**
 * Writes atomically: a temp file in the same folder, fsync, then rename; a crash at any point
 * leaves either the old state or the complete new file, never a half-written cache.
 */
export async function writeDatasetCache(
  dir: string,
  key: CacheKey,
  set: DecodedSet,
  signal?: AbortSignal
): Promise<void> {
  await makeFolder(dir, 'the dataset cache')
  const { json, parts } = layout(set)
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  const header = Buffer.alloc(HEADER_BYTES)
  header.write(MAGIC, 0, 'latin1')
  header.writeUInt32LE(json.length, 8)
  header.writeUInt32LE(set.sourceIndex.length, 12)
  header.writeDoubleLE(
    parts.reduce((sum, part) => sum + part.byteLength, 0),
    16
  )
  hash.digest().copy(header, 24)
  const target = path.join(dir, fileName(key))
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.write(header)
    for (const part of parts) {
      throwIfAborted(signal)
      await writeAll(handle, part)
    }
    await handle.sync()
    await handle.close()
    throwIfAborted(signal)
    await rename(temp, target)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw error
  }
  await removeOlderVersions(dir, key)
}

async function removeOlderVersions(dir: string, key: CacheKey): Promise<void> {
  const keep = fileName(key)
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(`${key.source}-`) && name !== keep && name.endsWith('.dataset')) {
      await rm(path.join(dir, name), { force: true })
    }
  }
}

function int32View(file: Buffer, offset: number, count: number): Int32Array {
  const start = file.byteOffset + offset
  if (start % 4 === 0) return new Int32Array(file.buffer, start, count)
  return new Int32Array(file.buffer.slice(start, start + count * 4))
}

/** The cached set, or null when there is none or it is damaged in any way (it is then rebuilt). */
export async function readDatasetCache(dir: string, key: CacheKey): Promise<DecodedSet | null> {
  const file = await readWhole(path.join(dir, fileName(key)))
  if (!file || file.length < HEADER_BYTES || file.toString('latin1', 0, 8) !== MAGIC) return null
  const jsonLength = file.readUInt32LE(8)
  const count = file.readUInt32LE(12)
  const bodyLength = file.readDoubleLE(16)
  if (file.length !== HEADER_BYTES + bodyLength) return null
  const body = file.subarray(HEADER_BYTES)
  if (!createHash('sha256').update(body).digest().equals(file.subarray(24, 56))) return null
  try {
    const meta = JSON.parse(body.toString('utf8', 0, jsonLength).replace(/\0+$/, '')) as {
      version: number
      count: number
      input: InputShape
      resize: ResizeMode
      formatNames: string[]
      skipped: DecodedSet['skipped']
    }
    if (meta.version !== FORMAT_VERSION || meta.count !== count) return null
    let at = HEADER_BYTES + jsonLength
    const next = (bytes: number) => {
      const start = at
      at += aligned(bytes)
      return start
    }
    const sourceIndex = int32View(file, next(count * 4), count)
    const widths = int32View(file, next(count * 4), count)
    const heights = int32View(file, next(count * 4), count)
    const codesStart = next(count)
    const codes = file.subarray(codesStart, codesStart + count)
    const imageBytes = meta.input.height * meta.input.width * meta.input.channels
    if (file.length - at !== count * imageBytes) return null
    const pixels = new Uint8Array(file.buffer, file.byteOffset + at, count * imageBytes)
    const formats = Array.from(codes, (code) => meta.formatNames[code] ?? 'unknown')
    return {
      input: meta.input,
      resize: meta.resize,
      pixels,
      sourceIndex,
      widths,
      heights,
      formats,
      skipped: meta.skipped
    }
  } catch {
    return null
  }
}
