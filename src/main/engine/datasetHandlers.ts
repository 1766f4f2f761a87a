import type { DatasetOpenOptions, DatasetSource } from '../../shared/datasetSchemas'
import type { Handlers } from '../../shared/dispatch'
import { WorkbenchError } from '../../shared/workbenchError'
import { imagePixels, openDataset, originalImagePng, type OpenedDataset } from './dataset/openDataset'
import type { Operations } from './operations'

export interface DatasetSession {
  current: OpenedDataset | null
  /** How the current dataset was opened, so a training run can record it and open it again. */
  opened: { source: DatasetSource; options: DatasetOpenOptions } | null
}

type DatasetRoutes = Pick<
  Handlers,
  'dataset.open' | 'dataset.current' | 'dataset.items' | 'dataset.thumbnails' | 'dataset.image'
>

/** The Data room's routes over the one dataset the engine holds open. */
export function createDatasetHandlers(
  session: DatasetSession,
  ops: Operations,
  cacheDir: string | undefined
): DatasetRoutes {
  const requireOpen = (): OpenedDataset => {
    if (!session.current)
      throw new WorkbenchError('not-found', 'No dataset is open. Open a folder or the MNIST sample first.')
    return session.current
  }
  const summary = (ds: OpenedDataset) => ({ report: ds.report, classNames: ds.classNames })

  return {
    'dataset.open': async ({ source, options, opId }) => {
      const ds = await ops.run(opId, (ctx) => openDataset(source, options, { cacheDir, ...ctx }))
      session.current = ds
      session.opened = { source, options }
      return summary(ds)
    },
    'dataset.current': async () => (session.current ? summary(session.current) : null),
    'dataset.items': async ({ offset, limit, split, label }) => {
      const ds = requireOpen()
      const matching =
        split === undefined && label === undefined
          ? ds.items
          : ds.items.filter(
              (it) =>
                (split === undefined || it.split === split) && (label === undefined || it.label === label)
            )
      return { total: matching.length, items: matching.slice(offset, offset + limit) }
    },
    'dataset.thumbnails': async ({ indexes }) => {
      const ds = requireOpen()
      const images = indexes
        .filter((i) => i < ds.items.length)
        .map((index) => ({ index, pixels: Buffer.from(imagePixels(ds, index)).toString('base64') }))
      return { input: ds.input, images }
    },
    'dataset.image': async ({ index }) => {
      const ds = requireOpen()
      const item = ds.items[index]
      if (!item) throw new WorkbenchError('not-found', `There is no image number ${index} in this dataset.`)
      const png = await originalImagePng(ds, index, 512)
      return {
        item,
        className: ds.classNames[item.label] ?? String(item.label),
        png: `data:image/png;base64,${png.toString('base64')}`
      }
    }
  }
}
