import type { ClassMetrics } from './evaluationJson'

/** confusion[true][predicted] = how many samples of class `true` were predicted as `predicted`. */
export function confusionMatrix(
  trueLabels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number
): number[][] {
  if (trueLabels.length !== predicted.length) {
    throw new Error(
      `confusionMatrix needs as many predictions as labels (${predicted.length} vs ${trueLabels.length})`
    )
  }
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  for (let i = 0; i < trueLabels.length; i++) {
    const row = matrix[trueLabels[i] as number]
    const column = predicted[i] as number
    if (row === undefined || column < 0 || column >= classes) {
      throw new Error(`label ${trueLabels[i]} or prediction ${column} is outside 0..${classes - 1}`)
    }
    row[column] = (row[column] ?? 0) + 1
  }
  return matrix
}

/** Fraction of samples on the diagonal; null for no samples. */
export function accuracyOf(confusion: readonly (readonly number[])[]): number | null {
  let right = 0
  let total = 0
  confusion.forEach((row, t) =>
    row.forEach((count, p) => {
      total += count
      if (t === p) right += count
    })
  )
  return total === 0 ? null : right / total
}

/** Precision, recall and F1 per class; a ratio with nothing to divide by counts as 0 (scikit-learn's choice). */
export function perClassMetrics(
  confusion: readonly (readonly number[])[],
  classNames: readonly string[]
): ClassMetrics[] {
  return confusion.map((row, c) => {
    const truePositive = row[c] ?? 0
    const support = row.reduce((sum, n) => sum + n, 0)
    const predictedAs = confusion.reduce((sum, r) => sum + (r[c] ?? 0), 0)
    const precision = predictedAs === 0 ? 0 : truePositive / predictedAs
    const recall = support === 0 ? 0 : truePositive / support
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    return { className: classNames[c] ?? String(c), precision, recall, f1, support }
  })
}

/** Unweighted mean of F1 over the classes that have test samples. */
export function macroF1(metrics: readonly ClassMetrics[]): number | null {
  const present = metrics.filter((m) => m.support > 0)
  return present.length === 0 ? null : present.reduce((sum, m) => sum + m.f1, 0) / present.length
}
