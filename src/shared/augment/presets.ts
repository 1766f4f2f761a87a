import type { AugmentSpec } from './augmentSpec'

export interface AugmentPreset {
  id: 'none' | 'lecture' | 'light' | 'strong'
  name: string
  description: string
  spec: AugmentSpec
}

/**
 * "Lecture" uses the mildest rotation and shift level, the whole scale and salt-and-pepper span, and a
 * mirror flip. Each op applies with probability 0.5, so a sample usually shows a mix of a few of them,
 * and about one in 32 stays as it was.
 */
const lecture: AugmentSpec = {
  ops: [
    { type: 'flip', direction: 'horizontal', probability: 0.5 },
    { type: 'rotate', degrees: [-30, 30], probability: 0.5 },
    { type: 'shift', x: [-0.1, 0.1], y: [-0.1, 0.1], unit: 'fraction', probability: 0.5 },
    { type: 'scale', factor: [0.7, 1.0], probability: 0.5 },
    { type: 'saltPepper', amount: [0.05, 0.2], probability: 0.5 }
  ]
}

/** Small moves that keep digits and text readable: no flip, no noise. */
const light: AugmentSpec = {
  ops: [
    { type: 'rotate', degrees: [-10, 10], probability: 0.5, fill: 'constant', fillValue: 0 },
    { type: 'shift', x: [-0.05, 0.05], y: [-0.05, 0.05], unit: 'fraction', probability: 0.5 },
    { type: 'scale', factor: [0.9, 1.05], probability: 0.5 },
    { type: 'brightness', delta: [-0.1, 0.1], probability: 0.5 }
  ]
}

/** Everything at once, for small datasets of photos (the flip suits scenes, not digits). */
const strong: AugmentSpec = {
  ops: [
    { type: 'flip', direction: 'horizontal', probability: 0.5 },
    { type: 'rotate', degrees: [-45, 45], probability: 0.7, fill: 'constant', fillValue: 0 },
    { type: 'shift', x: [-0.15, 0.15], y: [-0.15, 0.15], unit: 'fraction', probability: 0.7 },
    { type: 'scale', factor: [0.7, 1.2], probability: 0.7 },
    { type: 'saltPepper', amount: [0.01, 0.05], probability: 0.3 },
    { type: 'gaussianNoise', sigma: [0.02, 0.08], probability: 0.3 },
    { type: 'brightness', delta: [-0.2, 0.2], probability: 0.5 },
    { type: 'contrast', factor: [0.8, 1.2], probability: 0.5 }
  ]
}

export const AUGMENT_PRESETS: readonly AugmentPreset[] = [
  { id: 'none', name: 'None', description: 'Train on the images as they are.', spec: { ops: [] } },
  {
    id: 'lecture',
    name: 'Lecture',
    description:
      'The five augmentations from the lecture: flip, rotation, shift, scale with padding, salt and pepper.',
    spec: lecture
  },
  {
    id: 'light',
    name: 'Light',
    description: 'Small rotations, shifts, zooms and brightness changes.',
    spec: light
  },
  {
    id: 'strong',
    name: 'Strong',
    description: 'Flips, large moves, noise, brightness and contrast, for small photo datasets.',
    spec: strong
  }
]

/** A fresh copy of a preset's spec (safe to edit), or undefined for an unknown id or name. */
export function presetSpec(idOrName: string): AugmentSpec | undefined {
  const key = idOrName.toLowerCase()
  const preset = AUGMENT_PRESETS.find((p) => p.id === key || p.name.toLowerCase() === key)
  return preset ? (JSON.parse(JSON.stringify(preset.spec)) as AugmentSpec) : undefined
}
