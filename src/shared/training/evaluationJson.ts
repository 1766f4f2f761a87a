import { z } from 'zod'

export const ClassMetrics = z.object({
  className: z.string(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  /** How many test images truly belong to the class. */
  support: z.number().int()
})
export type ClassMetrics = z.infer<typeof ClassMetrics>

export const Misclassified = z.object({
  /** Index into the dataset's images. */
  index: z.number().int(),
  trueLabel: z.number().int(),
  predicted: z.number().int(),
  /** The predicted class's probability. */
  confidence: z.number()
})
export type Misclassified = z.infer<typeof Misclassified>

/** `evaluation.json` of a run: the test split through the final weights. */
export const EvaluationJson = z.object({
  version: z.literal(1),
  split: z.enum(['train', 'val', 'test']),
  count: z.number().int(),
  loss: z.number().nullable(),
  accuracy: z.number().nullable(),
  classNames: z.array(z.string()),
  /** confusion[true][predicted] = count. */
  confusion: z.array(z.array(z.number().int())),
  perClass: z.array(ClassMetrics),
  macroF1: z.number().nullable(),
  /** Most confident mistakes first. */
  misclassified: z.array(Misclassified),
  /** Every evaluated image (same fields), so the app can show the images behind any confusion-matrix cell. */
  predictions: z.array(Misclassified).optional(),
  imagesPerSecond: z.number().nullable(),
  createdAt: z.string()
})
export type EvaluationJson = z.infer<typeof EvaluationJson>
