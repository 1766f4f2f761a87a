import type { Activation, LayerSpec, NetworkSpec } from '../../../src/shared/network'

/** Small deterministic PRNG (mulberry32), so a failing random spec can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HIDDEN: Activation[] = ['relu', 'elu', 'leakyRelu', 'sigmoid', 'tanh', 'linear']

/**
 * A random stack that is valid by construction: image layers while the image is big enough, then
 * Flatten or GlobalAveragePool, flat layers, and a softmax classifier. Sizes stay small so building is cheap.
 */
export function randomNetworkSpec(seed: number): { spec: NetworkSpec; classes: number } {
  const rnd = seededRandom(seed)
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T
  const classes = int(2, 12)
  let h = int(4, 40)
  let w = int(4, 40)
  const input = { height: h, width: w, channels: pick([1, 2, 3]) }
  const layers: LayerSpec[] = []
  const imageLayers = int(0, 6)
  for (let i = 0; i < imageLayers; i++) {
    const roll = rnd()
    if (roll < 0.5) {
      const kernelSize: [number, number] = [int(1, Math.min(7, h)), int(1, Math.min(7, w))]
      const strides: [number, number] = [int(1, 3), int(1, 3)]
      const padding = pick(['same', 'valid'] as const)
      layers.push({
        type: 'conv2d',
        filters: int(1, 12),
        kernelSize,
        strides,
        padding,
        activation: pick(HIDDEN),
        useBias: rnd() < 0.8
      })
      ;[h, w] = outSize(h, w, kernelSize, strides, padding)
    } else if (roll < 0.75) {
      const poolSize: [number, number] = [int(1, Math.min(3, h)), int(1, Math.min(3, w))]
      const strides: [number, number] | undefined = rnd() < 0.5 ? undefined : [int(1, 3), int(1, 3)]
      const padding = pick(['same', 'valid'] as const)
      layers.push({ type: pick(['maxPool2d', 'avgPool2d'] as const), poolSize, strides, padding })
      ;[h, w] = outSize(h, w, poolSize, strides ?? poolSize, padding)
    } else {
      layers.push(randomShapeKeepingLayer(rnd, pick))
    }
  }
  layers.push({ type: pick(['flatten', 'globalAveragePool'] as const) })
  const flatLayers = int(0, 3)
  for (let i = 0; i < flatLayers; i++) {
    if (rnd() < 0.5) {
      layers.push({ type: 'dense', units: int(1, 40), activation: pick(HIDDEN), useBias: rnd() < 0.8 })
    } else layers.push(randomShapeKeepingLayer(rnd, pick))
  }
  layers.push({ type: 'dense', units: classes, activation: 'softmax', useBias: true })
  return { spec: { input, layers }, classes }
}

function randomShapeKeepingLayer(rnd: () => number, pick: <T>(items: readonly T[]) => T): LayerSpec {
  const roll = rnd()
  if (roll < 0.33) return { type: 'batchNorm', momentum: 0.99, epsilon: 0.001 }
  if (roll < 0.66) return { type: 'dropout', rate: Math.round(rnd() * 90) / 100 }
  return { type: 'activation', activation: pick(HIDDEN) }
}

function outSize(
  h: number,
  w: number,
  kernel: [number, number],
  strides: [number, number],
  padding: 'same' | 'valid'
): [number, number] {
  const one = (n: number, k: number, s: number): number =>
    padding === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1
  return [one(h, kernel[0], strides[0]), one(w, kernel[1], strides[1])]
}
