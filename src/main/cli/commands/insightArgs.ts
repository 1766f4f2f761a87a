import path from 'node:path'
import type { InspectedModel } from '../../engine/insight/inspectedModel'
import { loadInspectedModel } from '../../engine/insight/inspectedModel'
import { prepareFileImage, type PreparedInsightImage } from '../../engine/insight/insightImage'
import { trainingBackend } from '../../engine/training/trainingBackend'
import { UsageError } from '../cliIo'

/** `--layer K` as a spec layer index, or undefined when not given. */
export function layerFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const k = Number(value)
  if (!Number.isInteger(k) || k < 0)
    throw new UsageError('--layer must be a layer index as in the network spec (0, 1, 2, …)')
  return k
}

/** MODEL and IMAGE from the positionals, or a usage error naming what is missing. */
export function modelAndImage(positionals: string[]): { model: string; image: string } {
  const [model, image, ...extra] = positionals
  if (!model || !image) throw new UsageError('give a model (run folder or TF.js export folder) and an image')
  if (extra.length > 0) throw new UsageError(`one image at a time; "${extra[0]}" is one too many`)
  return { model, image }
}

/**
 * The model opened on the backend the app trains and predicts with, and the image decoded as training
 * decoded its images. Dispose `inspected.model` when done.
 */
export async function openModelAndImage(
  model: string,
  image: string
): Promise<{ inspected: InspectedModel; prepared: PreparedInsightImage }> {
  await trainingBackend()
  const inspected = await loadInspectedModel(model)
  try {
    const prepared = await prepareFileImage(path.resolve(image), image, inspected.manifest)
    return { inspected, prepared }
  } catch (error) {
    inspected.model.dispose()
    throw error
  }
}

/** Exit code and message for an error: 2 for usage, 1 for anything else. */
export function reportError(
  command: string,
  error: unknown,
  usage: string,
  stderr: (t: string) => void
): number {
  const isUsage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  const message = error instanceof Error ? error.message : String(error)
  stderr(`cnn-workbench ${command}: ${message}\n${isUsage ? usage : ''}`)
  return isUsage ? 2 : 1
}
