import type { TrainingData } from '../../../src/main/engine/training/trainingData'
import { mulberry32 } from '../../../src/main/engine/dataset/seededRandom'

/**
 * Two classes a small conv net separates easily: a bright horizontal bar (class 0) or a bright vertical bar
 * (class 1) at a random position, over noise. Split 60/20/20 in order.
 */
export function barsDataset(count: number, size = 12, seed = 7): TrainingData {
  const random = mulberry32(seed)
  const pixels = new Uint8Array(count * size * size)
  const labels = new Int32Array(count)
  for (let n = 0; n < count; n++) {
    const label = n % 2
    labels[n] = label
    const at = 1 + Math.floor(random() * (size - 2))
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const onBar = label === 0 ? y === at : x === at
        pixels[n * size * size + y * size + x] = onBar
          ? 200 + Math.floor(random() * 55)
          : Math.floor(random() * 90)
      }
    }
  }
  const all = Int32Array.from({ length: count }, (_, i) => i)
  const trainEnd = Math.floor(count * 0.6)
  const valEnd = Math.floor(count * 0.8)
  return {
    pixels,
    labels,
    splits: { train: all.slice(0, trainEnd), val: all.slice(trainEnd, valEnd), test: all.slice(valEnd) },
    classNames: ['horizontal', 'vertical'],
    input: { height: size, width: size, channels: 1 }
  }
}
