import { resizeBilinear } from './bilinear'
import { colourOf, HEAT } from './colourMaps'

export interface OverlayInput {
  /** uint8 HWC, 1 or 3 channels: the image as the network saw it. */
  pixels: Uint8Array
  height: number
  width: number
  channels: number
  /** The saliency map at its own resolution, values ≥ 0. */
  map: ArrayLike<number>
  mapShape: readonly [number, number]
}

/**
 * The image scaled by `scale` (nearest, so its pixels stay visible) with the map on top: upsampled
 * bilinearly to the same size, divided by its largest value and coloured, blended with `opacity`.
 * Returns RGBA bytes of (height·scale) × (width·scale).
 */
export function saliencyOverlay(input: OverlayInput, scale: number, opacity: number): Uint8ClampedArray {
  const { pixels, height, width, channels, map, mapShape } = input
  const H = height * scale
  const W = width * scale
  const heat = resizeBilinear(map, mapShape, [H, W])
  let peak = 0
  for (const v of heat) if (v > peak) peak = v
  const out = new Uint8ClampedArray(H * W * 4)
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      const src = (Math.floor(Y / scale) * width + Math.floor(X / scale)) * channels
      const o = (Y * W + X) * 4
      const [r, g, b] = colourOf(HEAT, peak > 0 ? (heat[Y * W + X] ?? 0) / peak : 0)
      const grey = pixels[src] ?? 0
      const image = channels === 3 ? [grey, pixels[src + 1] ?? 0, pixels[src + 2] ?? 0] : [grey, grey, grey]
      out[o] = (1 - opacity) * (image[0] ?? 0) + opacity * r
      out[o + 1] = (1 - opacity) * (image[1] ?? 0) + opacity * g
      out[o + 2] = (1 - opacity) * (image[2] ?? 0) + opacity * b
      out[o + 3] = 255
    }
  }
  return out
}
