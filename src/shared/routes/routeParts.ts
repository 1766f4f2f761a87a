import { z } from 'zod'
import { BACKEND_NAMES } from '../computeBackends'
import type { RouteName } from '../contractNames'
import { EvaluationJson } from '../training'

/** What every route declares: the schema its input is checked against and the schema of its answer. */
export type RouteSchemas = Partial<Record<RouteName, { input: z.ZodType; output: z.ZodType }>>

/** Long operations carry a caller-chosen id, so progress events can be matched and the work cancelled. */
export const OpId = z.string().min(1).max(100)

export const Empty = z.object({}).strict()

export const ComputeBackendName = z.enum(BACKEND_NAMES)

/** 'failed': the engine could not start several times in a row; it waits for engine.retry. */
export const EngineState = z.enum(['starting', 'ready', 'crashed', 'restarting', 'failed'])

/** A TF.js model folder on the engine's side: an export (model.json, weights.bin, preprocessing.json). */
export const ModelFolder = z.object({ modelDir: z.string().min(1, { error: 'give the model folder' }) })

export const EvaluationWithPredictions = EvaluationJson.extend({
  /** Every evaluated image, so a confusion-matrix cell can show its images. */
  predictions: z.array(
    z.object({
      index: z.number().int(),
      trueLabel: z.number().int(),
      predicted: z.number().int(),
      confidence: z.number()
    })
  )
})
