import { sharp } from './imageDecoder'
import type { DatasetOpenOptions, InputShape } from '../../../shared/datasetSchemas'

/** Default images are scaled down so that neither side exceeds this. */
export const DEFAULT_MAX_SIDE = 64
/** Defaults come from a sample spread over the whole set, not from a pass over every file. */
const SAMPLE_SIZE = 200

/** What the user fixed explicitly; the rest is filled in from the data. */
export function requestedShape(options: DatasetOpenOptions): Partial<InputShape> {
  return {
    height: options.height ?? options.size,
    width: options.width ?? options.size,
    channels: options.channels
  }
}

/** The most common (width, height), scaled down to fit DEFAULT_MAX_SIDE, keeping the aspect. */
export function defaultSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, DEFAULT_MAX_SIDE / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

interface Sampled {
  width: number
  height: number
  grey: boolean
}

async function sampleOne(file: string): Promise<Sampled | null> {
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata()
    const shown = meta.autoOrient ?? meta
    if (!shown.width || !shown.height) return null
    const grey = meta.space === 'b-w' || meta.space === 'grey16' || (meta.channels ?? 3) <= 2
    return { width: shown.width, height: shown.height, grey }
  } catch {
    return null
  }
}

/**
 * Resolves the input shape: explicit options win; otherwise the most common original size
 * (scaled to ≤ 64 a side) and 1 channel when every sampled image is greyscale.
 */
export async function chooseInputFormat(files: string[], options: DatasetOpenOptions): Promise<InputShape> {
  const asked = requestedShape(options)
  if (asked.height && asked.width && asked.channels) {
    return { height: asked.height, width: asked.width, channels: asked.channels }
  }
  const step = Math.max(1, files.length / SAMPLE_SIZE)
  const picks: string[] = []
  for (let at = 0; at < files.length && picks.length < SAMPLE_SIZE; at += step)
    picks.push(files[Math.floor(at)] as string)
  const samples: Sampled[] = []
  for (let i = 0; i < picks.length; i += 8) {
    const batch = await Promise.all(picks.slice(i, i + 8).map(sampleOne))
    for (const sample of batch) if (sample) samples.push(sample)
  }
  const tally = new Map<string, number>()
  for (const s of samples) tally.set(`${s.width}x${s.height}`, (tally.get(`${s.width}x${s.height}`) ?? 0) + 1)
  const [common] = [...tally.entries()].sort((a, b) => b[1] - a[1])
  const [w, h] = (common?.[0] ?? '32x32').split('x').map(Number) as [number, number]
  const size = defaultSize(w, h)
  const grey = samples.length > 0 && samples.every((s) => s.grey)
  return {
    height: asked.height ?? size.height,
    width: asked.width ?? size.width,
    channels: asked.channels ?? (grey ? 1 : 3)
  }
}
