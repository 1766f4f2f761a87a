import path from 'node:path'
import type { PreprocessingManifest } from '../../../shared/export/exportManifest'
import type { InsightImage } from '../../../shared/routes/insightRoutes'
import { WorkbenchError } from '../../../shared/workbenchError'
import type { OpenedDataset } from '../dataset/assembleDataset'
import { imagePixels } from '../dataset/datasetImages'
import { manifestMismatch } from '../predict/exportedModel'
import { prepareImage } from '../predict/preprocessImages'

/** An image ready for the network (uint8 HWC after the training preprocessing) and what is known about it. */
export interface PreparedInsightImage {
  name: string
  path: string | null
  trueLabel: number | null
  pixels: Uint8Array
}

/**
 * A file (path or bytes) decoded exactly as training decoded its images; an unreadable one is refused
 * with the reason, as a sentence.
 */
export async function prepareFileImage(
  source: string | Buffer,
  name: string,
  manifest: PreprocessingManifest
): Promise<PreparedInsightImage> {
  const prepared = await prepareImage(source, manifest)
  if (!prepared.ok) throw new WorkbenchError('bad-input', `${name} cannot be used: ${prepared.reason}.`)
  return { name, path: typeof source === 'string' ? source : null, trueLabel: null, pixels: prepared.pixels }
}

/**
 * The image a request names: one of the open dataset's (which must be the kind of images the model was
 * trained on) or bytes the UI sent.
 */
export async function resolveInsightImage(
  image: InsightImage,
  manifest: PreprocessingManifest,
  dataset: OpenedDataset | null
): Promise<PreparedInsightImage> {
  if ('data' in image) return prepareFileImage(Buffer.from(image.data, 'base64'), image.name, manifest)
  if (!dataset)
    throw new WorkbenchError(
      'not-found',
      'No dataset is open: open the dataset the model was trained on first.'
    )
  const mismatch = manifestMismatch(manifest, dataset)
  if (mismatch) throw new WorkbenchError('bad-input', mismatch)
  const item = dataset.items[image.datasetIndex]
  if (!item)
    throw new WorkbenchError(
      'not-found',
      `There is no image number ${image.datasetIndex} in the open dataset.`
    )
  return {
    name: path.basename(item.path),
    path: item.path,
    trueLabel: item.label,
    pixels: imagePixels(dataset, image.datasetIndex)
  }
}
