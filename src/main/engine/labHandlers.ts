import type { Handlers } from '../../shared/dispatch'
import { LAB_IMAGE_MAX_SIDE, type LabImageSource } from '../../shared/lab'
import { WorkbenchError } from '../../shared/workbenchError'
import { mainThreadBackend } from './backend/mainThreadBackend'
import { originalImagePng } from './dataset/datasetImages'
import type { DatasetSession } from './datasetHandlers'
import { augmentSweep } from './lab/augmentSweep'
import { labBackprop } from './lab/labBackprop'
import { filterImage, floatMapWire, poolChain } from './lab/labFilter'
import { readLabImage, type LabImage, type LabImageInput } from './lab/labImage'
import { labConvolution, labPooling } from './lab/labWindows'
import { samplePicture } from './lab/samplePicture'

type LabRoutes = Pick<
  Handlers,
  'lab.conv' | 'lab.pool' | 'lab.backprop' | 'lab.filter' | 'lab.poolChain' | 'lab.augmentSweep'
>

const b64 = (a: Uint8Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')

const picture = (image: LabImage) => ({
  height: image.height,
  width: image.width,
  channels: image.channels,
  pixels: b64(image.pixels)
})

/** The Lab room's routes: all computation on the engine's tfjs backend, the room only draws the answers. */
export function createLabHandlers(session: DatasetSession): LabRoutes {
  async function sourceImage(source: LabImageSource): Promise<LabImageInput> {
    if (source.kind === 'data')
      return { kind: 'bytes', name: source.name, bytes: Buffer.from(source.data, 'base64') }
    if (source.kind === 'sample') return { kind: 'raw', name: 'the built-in picture', ...samplePicture() }
    const ds = session.current
    if (!ds) throw new WorkbenchError('not-found', 'Open a dataset first, or drop a picture on the Lab.')
    if (source.index >= ds.items.length)
      throw new WorkbenchError('bad-input', `There is no image number ${source.index} in this dataset.`)
    // The source file at its own resolution (MNIST's are its stored 28×28 pixels).
    const png = await originalImagePng(ds, source.index, LAB_IMAGE_MAX_SIDE)
    return { kind: 'bytes', name: ds.items[source.index]?.path ?? `image ${source.index}`, bytes: png }
  }

  const read = async (source: LabImageSource, channels: 1 | 3): Promise<LabImage> =>
    readLabImage(await sourceImage(source), channels, LAB_IMAGE_MAX_SIDE)

  return {
    'lab.conv': async (request) => {
      await mainThreadBackend()
      return labConvolution(request)
    },
    'lab.pool': async (request) => {
      await mainThreadBackend()
      return labPooling(request)
    },
    'lab.backprop': async (request) => {
      await mainThreadBackend()
      return labBackprop(request)
    },
    'lab.filter': async ({ image, kernels, mode }) => {
      const grey = await read(image, 1)
      await mainThreadBackend()
      return {
        image: picture(grey),
        scaledFrom: grey.scaledFrom,
        outputs: kernels.map(({ name, kernel }) => ({
          name,
          ...floatMapWire(filterImage(grey, kernel, mode))
        }))
      }
    },
    'lab.poolChain': async ({ image, times, op }) => {
      const grey = await read(image, 1)
      await mainThreadBackend()
      return { scaledFrom: grey.scaledFrom, stages: poolChain(grey, times, op).map(floatMapWire) }
    },
    'lab.augmentSweep': async ({ image, ...settings }) => {
      const colour = await read(image, 3)
      await mainThreadBackend()
      const rows = augmentSweep(colour, settings).map((row) => ({
        ...row,
        tiles: row.tiles.map((tile) => ({ ...tile, pixels: b64(tile.pixels) }))
      }))
      return { original: picture(colour), scaledFrom: colour.scaledFrom, rows }
    }
  }
}
