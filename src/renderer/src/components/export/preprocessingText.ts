import type { Preprocessing } from '../../stores/exportStore'

const RESIZE_TEXT: Record<Preprocessing['resize'], string> = {
  stretch: 'stretched to fit (aspect ratio ignored)',
  letterbox: 'fitted inside and padded with black (letterbox)',
  'centre-crop': 'scaled to fill and cropped in the centre'
}

/** The preprocessing in one sentence, as the network receives every image. */
export function preprocessingText(p: Preprocessing): string {
  const { width, height, channels } = p.input
  const colour = channels === 1 ? '1 channel (grey)' : '3 channels (RGB)'
  const scale = p.normalization === 'x/255' ? 'pixel values divided by 255 (0…1)' : p.normalization
  return `Each image is ${RESIZE_TEXT[p.resize]} to ${width}×${height}, transparency dropped onto black, converted to ${colour}, ${scale}.`
}
