import { sharp } from '../dataset/imageDecoder'
import { saliencyOverlay, type OverlayInput } from '../../../shared/insight/saliencyOverlay'
import type { LayerOutput } from './featureMaps'

const GAP = 2
/** Small maps are scaled up (nearest) so each tile is at least this many pixels a side. */
const MIN_TILE = 32

const toPng = (data: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 4) =>
  sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels } })
    .png()
    .toBuffer()

/** A map layer as a grid of its channels, each grey from its own minimum (black) to its maximum (white). */
function mapGrid(layer: LayerOutput): Promise<Buffer> {
  const [h = 1, w = 1, c = 1] = layer.shape
  const scale = Math.max(1, Math.ceil(MIN_TILE / Math.max(h, w)))
  const cols = Math.ceil(Math.sqrt(c))
  const rows = Math.ceil(c / cols)
  const tileH = h * scale
  const tileW = w * scale
  const width = cols * tileW + (cols - 1) * GAP
  const height = rows * tileH + (rows - 1) * GAP
  const out = new Uint8Array(width * height).fill(48)
  for (let k = 0; k < c; k++) {
    const { min, max } = layer.channels[k] ?? { min: 0, max: 0 }
    const span = max - min
    const left = (k % cols) * (tileW + GAP)
    const top = Math.floor(k / cols) * (tileH + GAP)
    for (let y = 0; y < tileH; y++)
      for (let x = 0; x < tileW; x++) {
        const v = layer.values[(Math.floor(y / scale) * w + Math.floor(x / scale)) * c + k] ?? 0
        out[(top + y) * width + left + x] = span > 0 ? Math.round(((v - min) / span) * 255) : 0
      }
  }
  return toPng(out, width, height, 1)
}

/** A vector layer (dense, flatten) as one strip of cells, grey from the layer's minimum to its maximum. */
function vectorStrip(layer: LayerOutput): Promise<Buffer> {
  const n = layer.values.length
  const cell = Math.min(16, Math.max(1, Math.floor(1024 / n)))
  const height = 24
  const width = n * cell
  const span = layer.max - layer.min
  const out = new Uint8Array(width * height)
  for (let x = 0; x < width; x++) {
    const v = layer.values[Math.floor(x / cell)] ?? 0
    const grey = span > 0 ? Math.round(((v - layer.min) / span) * 255) : 0
    for (let y = 0; y < height; y++) out[y * width + x] = grey
  }
  return toPng(out, width, height, 1)
}

/** One layer's output as a PNG: a grid of maps, or a strip for a vector. */
export function layerPng(layer: LayerOutput): Promise<Buffer> {
  return layer.shape.length === 3 ? mapGrid(layer) : vectorStrip(layer)
}

/** The image with its saliency map over it, at least 224 pixels on its longer side. */
export function saliencyPng(input: OverlayInput, opacity = 0.5): Promise<Buffer> {
  const scale = Math.max(1, Math.ceil(224 / Math.max(input.height, input.width)))
  const rgba = saliencyOverlay(input, scale, opacity)
  return toPng(rgba, input.width * scale, input.height * scale, 4)
}
