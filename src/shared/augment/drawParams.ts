import { isOpEnabled, type AugmentOp, type AugmentSpec } from './augmentSpec'
import { opRandom, STREAM_PARAMS, uniform, type SampleKey } from './seededRandom'

/** What one op did to one sample. `opPosition` is its place in the spec (its noise stream is keyed by it). */
export type DrawnOp = { opPosition: number } & (
  | { type: 'flip'; horizontal: boolean; vertical: boolean }
  /** Counter-clockwise degrees; `expand` grows the output to hold the whole turned picture. */
  | { type: 'rotate'; degrees: number; expand?: boolean }
  /** Pixels; +x right, +y down. */
  | { type: 'shift'; x: number; y: number }
  | { type: 'scale'; factor: number }
  | { type: 'saltPepper'; amount: number }
  | { type: 'gaussianNoise'; sigma: number }
  | { type: 'brightness'; delta: number }
  | { type: 'contrast'; factor: number }
)

/** Everything drawn for one sample: only the ops that were applied, in spec order. */
export interface DrawnParams {
  seed: number
  index: number
  epoch: number
  ops: DrawnOp[]
}

export interface DrawContext extends SampleKey {
  height: number
  width: number
}

function drawRange(random: () => number, value: number | readonly [number, number]): number {
  return typeof value === 'number' ? value : uniform(random, value[0], value[1])
}

type OpDraw = { [K in DrawnOp['type']]: Omit<Extract<DrawnOp, { type: K }>, 'opPosition'> }[DrawnOp['type']]

function drawOp(op: AugmentOp, random: () => number, height: number, width: number): OpDraw {
  switch (op.type) {
    case 'flip':
      return {
        type: 'flip',
        horizontal: op.direction !== 'vertical',
        vertical: op.direction !== 'horizontal'
      }
    case 'rotate':
      return {
        type: 'rotate',
        degrees: drawRange(random, op.degrees),
        ...(op.expand === true ? { expand: true } : {})
      }
    case 'shift': {
      const x = drawRange(random, op.x)
      const y = drawRange(random, op.y)
      return op.unit === 'fraction' ? { type: 'shift', x: x * width, y: y * height } : { type: 'shift', x, y }
    }
    case 'scale':
      return { type: 'scale', factor: drawRange(random, op.factor) }
    case 'saltPepper':
      return { type: 'saltPepper', amount: drawRange(random, op.amount) }
    case 'gaussianNoise':
      return { type: 'gaussianNoise', sigma: drawRange(random, op.sigma) }
    case 'brightness':
      return { type: 'brightness', delta: drawRange(random, op.delta) }
    case 'contrast':
      return { type: 'contrast', factor: drawRange(random, op.factor) }
  }
}

/**
 * Draws which ops apply to one sample and with what parameters. Deterministic in (seed, index, epoch) and
 * independent of batch composition; each op has its own stream, so toggling or editing one op never changes
 * what the others draw.
 */
export function drawParams(spec: AugmentSpec, context: DrawContext): DrawnParams {
  const ops: DrawnOp[] = []
  spec.ops.forEach((op, opPosition) => {
    if (!isOpEnabled(op)) return
    const random = opRandom(context, opPosition, STREAM_PARAMS)
    // The chance is drawn first and always, so a probability change does not shift the parameter draws.
    const applies = random() < (op.probability ?? 1)
    if (!applies) return
    ops.push({ opPosition, ...drawOp(op, random, context.height, context.width) } as DrawnOp)
  })
  return { seed: context.seed, index: context.index, epoch: context.epoch, ops }
}
