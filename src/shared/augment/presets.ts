import type { AugmentSpec } from './augmentSpec'

export interface AugmentPreset {
  id: 'none' | 'lecture' | 'light' | 'strong'
  name: string
  description: string
  spec: AugmentSpec
}

/** The lecture's pictures are this many pixels wide; its shifts are in pixels of those pictures. */
export const LECTURE_PICTURE_WIDTH = 220

/**
 * The strengths the lecture tried for each of its augmentations, for a UI that offers them as steps.
 * Its shifts were ±30 and ±60 px on pictures 220 px wide, i.e. about ±0.14 and ±0.27 of the width; as
 * fractions they mean the same on 28×28 digits and 224×224 photos. Its salt-and-pepper amounts are the
 * share of pixels replaced in all (half salt, half pepper, as skimage's random_noise), where this app's
 * `amount` is the share turned white and the same share turned black.
 */
export const LECTURE_LEVELS = {
  rotateDegrees: [30, 60, 90, 120],
  shiftPixels: [30, 60],
  shiftFraction: [30 / LECTURE_PICTURE_WIDTH, 60 / LECTURE_PICTURE_WIDTH],
  scaleFactor: [1.0, 0.9, 0.8, 0.7],
  saltPepperAmount: [0.05, 0.1, 0.15, 0.2]
} as const

/** 30 px of a 220-px-wide picture as a fraction of the width, to three decimals: 0.136. */
const LECTURE_SHIFT = Number((30 / LECTURE_PICTURE_WIDTH).toFixed(3))

/**
 * "Lecture" uses the mildest rotation and shift level (±30°, ±30 px of the lecture's 220-px width), the
 * whole scale span, salt and pepper, and a mirror flip (switched off for digits: see presetFor). Each op
 * applies with probability 0.5, so a sample usually shows a mix of a few of them, and about one in 32
 * stays as it was.
 */
const lecture: AugmentSpec = {
  ops: [
    { type: 'flip', direction: 'horizontal', probability: 0.5 },
    { type: 'rotate', degrees: [-30, 30], probability: 0.5 },
    {
      type: 'shift',
      x: [-LECTURE_SHIFT, LECTURE_SHIFT],
      y: [-LECTURE_SHIFT, LECTURE_SHIFT],
      unit: 'fraction',
      probability: 0.5
    },
    { type: 'scale', factor: [0.7, 1.0], probability: 0.5 },
    { type: 'saltPepper', amount: [0.025, 0.1], probability: 0.5 }
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
      'The five augmentations from the lecture: flip, rotation up to ±30°, shift up to ±30 px of its 220-px-wide pictures (±0.14 of the width), scale 0.7–1 with padding, salt and pepper on 5–20 % of the pixels.',
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

const DIGIT_FLIP =
  'Flip is switched off: a mirrored digit is another symbol or none (a mirrored 2 is no 2), so flipping MNIST teaches the network wrong labels.'

/**
 * A preset's spec for a dataset: for digits (MNIST) every flip is switched off, with a note saying why;
 * the op stays in the pipeline, so switching it back on is one click.
 */
export function presetFor(
  idOrName: string,
  dataset: { digits: boolean }
): { spec: AugmentSpec; notes: string[] } | undefined {
  const spec = presetSpec(idOrName)
  if (!spec) return undefined
  if (!dataset.digits || !spec.ops.some((op) => op.type === 'flip' && op.enabled !== false))
    return { spec, notes: [] }
  const ops = spec.ops.map((op) => (op.type === 'flip' ? { ...op, enabled: false } : op))
  return { spec: { ops }, notes: [DIGIT_FLIP] }
}

/** A warning while a flip is switched on for digits, else null. */
export function digitFlipWarning(spec: AugmentSpec, dataset: { digits: boolean }): string | null {
  const flipping = spec.ops.some((op) => op.type === 'flip' && op.enabled !== false)
  return dataset.digits && flipping
    ? 'A flip is on: a mirrored digit is another symbol or none, so flipping MNIST teaches the network wrong labels.'
    : null
}

/** A fresh copy of a preset's spec (safe to edit), or undefined for an unknown id or name. */
export function presetSpec(idOrName: string): AugmentSpec | undefined {
  const key = idOrName.toLowerCase()
  const preset = AUGMENT_PRESETS.find((p) => p.id === key || p.name.toLowerCase() === key)
  return preset ? (JSON.parse(JSON.stringify(preset.spec)) as AugmentSpec) : undefined
}
