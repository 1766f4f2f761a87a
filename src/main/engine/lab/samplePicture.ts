/**
 * The Lab's built-in picture, drawn in code so the room works without any file: 220 px wide like the
 * lecture's photos (and 293 high, the size its pooling example starts from), a house with windows, a
 * roof, a sun and a tree, so horizontal, vertical and slanted edges all appear.
 */
export const SAMPLE_WIDTH = 220
export const SAMPLE_HEIGHT = 293

type Rgb = readonly [number, number, number]

function colourAt(x: number, y: number): Rgb {
  const groundLine = 215
  // Sun and tree crown: discs.
  if ((x - 180) ** 2 + (y - 42) ** 2 <= 22 ** 2) return [250, 205, 60]
  if ((x - 38) ** 2 + (y - 150) ** 2 <= 26 ** 2) return [46, 120, 60]
  if (x >= 34 && x < 43 && y >= 170 && y < groundLine) return [110, 72, 40]
  // House: roof (a triangle over the body), body, door, four windows.
  const roofTop = 78
  const roofBase = 120
  if (y >= roofTop && y < roofBase) {
    const half = ((y - roofTop) / (roofBase - roofTop)) * 72
    if (Math.abs(x - 128) <= half) return [150, 48, 40]
  }
  if (x >= 70 && x < 186 && y >= roofBase && y < groundLine) {
    if (x >= 116 && x < 140 && y >= 170) return [90, 56, 30]
    const inWindow = (x0: number, y0: number): boolean => x >= x0 && x < x0 + 26 && y >= y0 && y < y0 + 22
    if (inWindow(80, 132) || inWindow(150, 132) || inWindow(80, 176) || inWindow(150, 176))
      return (x + y) % 13 === 0 ? [230, 240, 250] : [120, 170, 220]
    return [225, 210, 180]
  }
  if (y >= groundLine) {
    // Furrows: horizontal stripes that get closer towards the horizon.
    const stripe = Math.floor(Math.sqrt(y - groundLine) * 2) % 2 === 0
    return stripe ? [90, 150, 70] : [70, 125, 55]
  }
  const t = y / groundLine
  return [Math.round(120 + 90 * t), Math.round(170 + 60 * t), 235]
}

/** The picture as uint8 RGB, row by row. */
export function samplePicture(): { pixels: Uint8Array; height: number; width: number; channels: 3 } {
  const pixels = new Uint8Array(SAMPLE_WIDTH * SAMPLE_HEIGHT * 3)
  for (let y = 0; y < SAMPLE_HEIGHT; y++) {
    for (let x = 0; x < SAMPLE_WIDTH; x++) pixels.set(colourAt(x, y), (y * SAMPLE_WIDTH + x) * 3)
  }
  return { pixels, height: SAMPLE_HEIGHT, width: SAMPLE_WIDTH, channels: 3 }
}
