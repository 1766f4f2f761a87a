import {
  AUGMENT_OP_TYPES,
  isOpEnabled,
  type AugmentOp,
  type AugmentSpec,
  type FillingOp,
  type ResolvedFill
} from '../../../../shared/augment'
import { OP_INFO } from './opCatalog'

type OpVariants = AugmentOp extends infer O ? (O extends AugmentOp ? Omit<O, 'type'> : never) : never
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never
/** Any settings of any op; an editor only sends the ones its op has. */
export type OpPatch = Partial<UnionToIntersection<OpVariants>>

// The spec is plain JSON, and JSON cloning also unwraps Vue's reactive proxies (structuredClone cannot).
export const cloneSpec = (spec: AugmentSpec): AugmentSpec => JSON.parse(JSON.stringify(spec)) as AugmentSpec

export function isFillingOp(op: AugmentOp): op is FillingOp {
  return op.type === 'rotate' || op.type === 'shift' || op.type === 'scale'
}

/** The one border fill: what an enabled op sets, else what a switched-off one remembers, else black. */
export function sharedFill(ops: readonly AugmentOp[]): ResolvedFill {
  const filling = ops.filter(isFillingOp)
  const ordered = [...filling.filter(isOpEnabled), ...filling.filter((op) => !isOpEnabled(op))]
  return {
    mode: ordered.find((op) => op.fill !== undefined)?.fill ?? 'constant',
    value: ordered.find((op) => op.fillValue !== undefined)?.fillValue ?? 0
  }
}

/** Writes the fill onto rotate, shift and scale alike, so switching any of them on keeps the spec valid. */
export function withFill(ops: readonly AugmentOp[], fill: ResolvedFill): AugmentOp[] {
  return ops.map((op) => (isFillingOp(op) ? { ...op, fill: fill.mode, fillValue: fill.value } : op))
}

/**
 * The spec as the editor shows it: the given ops in their order (their order is the order they apply in),
 * then every other kind of op, switched off with its default settings, so each can be toggled on.
 */
export function editableSpec(spec: AugmentSpec): AugmentSpec {
  const ops = cloneSpec(spec).ops
  for (const type of AUGMENT_OP_TYPES) {
    if (!ops.some((op) => op.type === type)) ops.push({ ...OP_INFO[type].defaults, enabled: false })
  }
  return { ops: withFill(ops, sharedFill(ops)) }
}

/** Picks for "New images": pinned images keep their places, the others are replaced by fresh picks. */
export function mergePicks(
  shown: readonly number[],
  pinned: readonly number[],
  picks: readonly number[]
): number[] {
  const fresh = picks.filter((i) => !pinned.includes(i) && !shown.includes(i))
  // Picks already on screen are only reused once the fresh ones run out (a small dataset).
  const reusable = picks.filter((i) => !pinned.includes(i) && shown.includes(i))
  const supply = [...fresh, ...reusable]
  if (shown.length === 0) return [...picks]
  const out: number[] = []
  for (const index of shown) {
    if (pinned.includes(index)) out.push(index)
    else {
      const next = supply.find((i) => !out.includes(i)) ?? index
      if (!out.includes(next)) out.push(next)
    }
  }
  return out
}
