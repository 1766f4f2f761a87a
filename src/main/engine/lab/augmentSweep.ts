import {
  LECTURE_LEVELS,
  LECTURE_PICTURE_WIDTH,
  type AugmentOp,
  type Interpolation
} from '../../../shared/augment'
import type { AugmentSweepRequest } from '../../../shared/lab'
import { augmentBatchWithParams } from '../augment/augmentBatch'
import { batchToPixels, pixelsToBatch } from '../augment/pixelBatch'
import type { LabImage } from './labImage'

export interface SweepTile {
  title: string
  height: number
  width: number
  channels: number
  pixels: Uint8Array
}

export interface SweepRow {
  title: string
  note: string
  tiles: SweepTile[]
}

const MINUS = '\u2212'
const signed = (v: number): string => (v < 0 ? `${MINUS}${Math.abs(v)}` : String(v))

/** The picture through one op with fixed settings: the same augmentation code training and the preview use. */
function through(image: LabImage, op: AugmentOp, seed: number): Omit<SweepTile, 'title'> {
  const { height, width, channels } = image
  const batch = pixelsToBatch([image.pixels], { height, width, channels })
  try {
    const { batch: out } = augmentBatchWithParams(batch, [{ index: 0 }], { ops: [op] }, { seed, epoch: 0 })
    const [, h, w, c] = out.shape
    const [pixels] = batchToPixels(out)
    out.dispose()
    return { height: h, width: w, channels: c, pixels: pixels ?? new Uint8Array(0) }
  } finally {
    batch.dispose()
  }
}

/**
 * One picture at the lecture's levels, each tile titled like the lecture: rotations (grown to hold the
 * whole picture when `expand`, as scipy.ndimage.rotate does by default), shifts of the lecture's ±30/±60 px
 * scaled to this picture's width, zooms out padded back to the original size, and salt and pepper on
 * 5–20 % of the pixels (half white, half black, as skimage's random_noise counts them).
 */
export function augmentSweep(image: LabImage, request: Omit<AugmentSweepRequest, 'image'>): SweepRow[] {
  const { expand, seed } = request
  const interpolation: Interpolation = request.interpolation
  const fill = { fill: 'constant' as const, fillValue: 0 }
  const perPixel = image.width / LECTURE_PICTURE_WIDTH
  const rotate = LECTURE_LEVELS.rotateDegrees.map((d) => ({
    title: `rotate ${d}°`,
    ...through(image, { type: 'rotate', degrees: [d, d], expand, interpolation, ...fill }, seed)
  }))
  const levels = LECTURE_LEVELS.shiftPixels
  const shifts = [...levels, ...levels.map((v) => -v)].map((v) => {
    const px = Math.round(v * perPixel)
    return {
      title: `shift (${signed(v)}, ${signed(v)})`,
      ...through(image, { type: 'shift', x: [px, px], y: [px, px], unit: 'px', ...fill }, seed)
    }
  })
  const scales = LECTURE_LEVELS.scaleFactor.map((f) => ({
    title: `scale ${f.toFixed(1)}`,
    ...through(image, { type: 'scale', factor: [f, f], ...fill }, seed)
  }))
  const noise = LECTURE_LEVELS.saltPepperAmount.map((a) => ({
    title: `salt & pepper ${a.toFixed(2)}`,
    // This app's amount is the share made white and again the share made black; the lecture's is both together.
    ...through(image, { type: 'saltPepper', amount: a / 2 }, seed)
  }))
  const at30 = Math.round(30 * perPixel)
  const at60 = Math.round(60 * perPixel)
  return [
    {
      title: 'Rotation',
      note: `counter-clockwise, ${interpolation}, ${expand ? 'grown to hold the whole picture (scipy’s reshape=True)' : 'cropped to the original size'}`,
      tiles: rotate
    },
    {
      title: 'Shift',
      note:
        image.width === LECTURE_PICTURE_WIDTH
          ? 'in pixels (x right, y down), as in the lecture'
          : `the lecture’s pictures are ${LECTURE_PICTURE_WIDTH} px wide: its 30 and 60 px are ${at30} and ${at60} px on this ${image.width}-px-wide picture (0.14 and 0.27 of the width)`,
      tiles: shifts
    },
    {
      title: 'Scale',
      note: 'zoomed out about the centre, then padded back to the original size',
      tiles: scales
    },
    {
      title: 'Salt and pepper',
      note: 'the share of pixels replaced, half of them white and half black',
      tiles: noise
    }
  ]
}
