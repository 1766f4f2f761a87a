import type { AugmentOp, AugmentOpType } from '../../../../shared/augment'

/** How a numeric setting is edited: the slider covers the usual span, the number field the whole allowed one. */
export interface FieldBounds {
  /** Slider ends. */
  min: number
  max: number
  /** What the spec accepts; typed numbers are clamped to it. */
  hardMin: number
  hardMax: number
  step: number
  unit?: string
}

/** What a control of one bounded number is given; `label` is what a screen reader reads out. */
export interface BoundedControlProps {
  value: number
  bounds: FieldBounds
  testid: string
  label: string
}

export interface OpInfo {
  title: string
  /** One sentence for the row's tooltip. */
  help: string
  /** The settings an op gets when it is switched on for the first time. */
  defaults: AugmentOp
}

export const OP_INFO: Record<AugmentOpType, OpInfo> = {
  flip: {
    title: 'Flip',
    help: 'Mirrors the image; "horizontal" swaps left and right.',
    defaults: { type: 'flip', direction: 'horizontal', probability: 0.5 }
  },
  rotate: {
    title: 'Rotate',
    help: 'Turns the image by an angle drawn from the range; positive is counter-clockwise.',
    defaults: { type: 'rotate', degrees: [-15, 15] }
  },
  shift: {
    title: 'Shift',
    help: 'Moves the content; positive x moves it right, positive y down.',
    defaults: { type: 'shift', x: [-0.1, 0.1], y: [-0.1, 0.1], unit: 'fraction' }
  },
  scale: {
    title: 'Scale',
    help: 'Zooms about the centre: below 1 shrinks and pads with the fill, above 1 crops.',
    defaults: { type: 'scale', factor: [0.9, 1.1] }
  },
  saltPepper: {
    title: 'Salt & pepper',
    help: 'Turns this share of the pixels white and the same share black.',
    defaults: { type: 'saltPepper', amount: 0.05 }
  },
  gaussianNoise: {
    title: 'Gaussian noise',
    help: 'Adds normal noise of this standard deviation (pixel values run from 0 to 1).',
    defaults: { type: 'gaussianNoise', sigma: 0.05 }
  },
  brightness: {
    title: 'Brightness',
    help: 'Adds one drawn value to every pixel (pixel values run from 0 to 1).',
    defaults: { type: 'brightness', delta: [-0.1, 0.1] }
  },
  contrast: {
    title: 'Contrast',
    help: 'Stretches values away from the image mean (above 1) or towards it (below 1).',
    defaults: { type: 'contrast', factor: [0.8, 1.2] }
  }
}

export const PROBABILITY: FieldBounds = { min: 0, max: 1, hardMin: 0, hardMax: 1, step: 0.01 }
export const DEGREES: FieldBounds = { min: -180, max: 180, hardMin: -360, hardMax: 360, step: 1, unit: '°' }
export const SHIFT_PX: FieldBounds = { min: -32, max: 32, hardMin: -4096, hardMax: 4096, step: 1, unit: 'px' }
export const SHIFT_FRACTION: FieldBounds = { min: -0.5, max: 0.5, hardMin: -4096, hardMax: 4096, step: 0.01 }
export const SCALE: FieldBounds = { min: 0.3, max: 2, hardMin: 0.05, hardMax: 20, step: 0.01, unit: '×' }
export const SALT_PEPPER: FieldBounds = { min: 0, max: 0.5, hardMin: 0, hardMax: 0.5, step: 0.01 }
export const SIGMA: FieldBounds = { min: 0, max: 0.5, hardMin: 0, hardMax: 1, step: 0.01 }
export const BRIGHTNESS: FieldBounds = { min: -1, max: 1, hardMin: -1, hardMax: 1, step: 0.01 }
export const CONTRAST: FieldBounds = { min: 0, max: 3, hardMin: 0, hardMax: 20, step: 0.01, unit: '×' }
export const FILL_VALUE: FieldBounds = { min: 0, max: 1, hardMin: 0, hardMax: 1, step: 0.01 }

type RangeKey = 'degrees' | 'x' | 'y' | 'factor' | 'delta'
type AmountKey = 'amount' | 'sigma'
/**
 * A numeric setting of an op as its editor shows it, labelled by its key: a range, or an amount that is
 * fixed or drawn per sample. Shift's bounds are absent: they follow its unit and the image size.
 */
export type OpField =
  | { kind: 'range'; key: RangeKey; bounds?: FieldBounds }
  | { kind: 'amount'; key: AmountKey; bounds: FieldBounds }

/** The numeric settings of each op, in the order its editor shows them (flip's direction is a choice). */
export const OP_FIELDS: Record<AugmentOpType, readonly OpField[]> = {
  flip: [],
  rotate: [{ kind: 'range', key: 'degrees', bounds: DEGREES }],
  shift: [
    { kind: 'range', key: 'x' },
    { kind: 'range', key: 'y' }
  ],
  scale: [{ kind: 'range', key: 'factor', bounds: SCALE }],
  saltPepper: [{ kind: 'amount', key: 'amount', bounds: SALT_PEPPER }],
  gaussianNoise: [{ kind: 'amount', key: 'sigma', bounds: SIGMA }],
  brightness: [{ kind: 'range', key: 'delta', bounds: BRIGHTNESS }],
  contrast: [{ kind: 'range', key: 'factor', bounds: CONTRAST }]
}

/** Keeps a value inside the accepted span and on a sensible number of decimals (sliders produce 0.30000000000000004). */
export function clampToBounds(value: number, b: FieldBounds): number {
  const clamped = Math.min(b.hardMax, Math.max(b.hardMin, value))
  return Number(clamped.toFixed(6))
}
