import type * as tf from '@tensorflow/tfjs'

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 }

/** The bytes the weights described by `specs` take in their .bin files. */
export function expectedWeightBytes(specs: readonly tf.io.WeightsManifestEntry[]): number {
  let total = 0
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1)
    total += count * (BYTES[spec.quantization?.dtype ?? spec.dtype] ?? 4)
  }
  return total
}

/**
 * Refuses weight files whose size does not match what model.json describes, with a sentence, before
 * tfjs meets them: a file cut short (a copy interrupted, a full disk) otherwise ends in a raw shape error
 * from deep inside tfjs ("the tensor should have 72 values but has 40").
 */
export function checkWeightBytes(
  files: string,
  specs: readonly tf.io.WeightsManifestEntry[],
  actualBytes: number
): void {
  const expected = expectedWeightBytes(specs)
  if (actualBytes === expected) return
  const how = actualBytes < expected ? 'cut short' : 'longer than the model it belongs to'
  throw new Error(
    `${files} holds ${actualBytes} bytes of weights where model.json describes ${expected}: the file is ${how} ` +
      `(an interrupted copy or a full disk?) or belongs to another model. Export or train the model again.`
  )
}
