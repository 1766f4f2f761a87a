import {
  AugmentSweepAnswer,
  AugmentSweepRequest,
  BackpropAnswer,
  BackpropRequest,
  ConvRequest,
  FilterAnswer,
  FilterRequest,
  PoolChainAnswer,
  PoolChainRequest,
  PoolRequest,
  WindowAnswer
} from '../lab'
import type { RouteSchemas } from './routeParts'

/** The Lab room: the lecture's experiments computed by the engine with the ops training uses. */
export const labRoutes = {
  /** A convolution (or cross-correlation) of a small matrix, with every window for the step-through. */
  'lab.conv': { input: ConvRequest, output: WindowAnswer },
  /** Max or average pooling of a small matrix, with every window. */
  'lab.pool': { input: PoolRequest, output: WindowAnswer },
  /** A 2×2 filter over a 3×3 input: the outputs and every ∂L/∂w written out for a chosen ∂L/∂h. */
  'lab.backprop': { input: BackpropRequest, output: BackpropAnswer },
  /** Kernels over one picture in greyscale [0, 1]: the float outputs with their shapes and ranges. */
  'lab.filter': { input: FilterRequest, output: FilterAnswer },
  /** One picture pooled 2×2 N times in a row, every stage with its shape. */
  'lab.poolChain': { input: PoolChainRequest, output: PoolChainAnswer },
  /** One picture at the lecture's levels of rotation, shift, scale and salt and pepper. */
  'lab.augmentSweep': { input: AugmentSweepRequest, output: AugmentSweepAnswer }
} satisfies RouteSchemas
