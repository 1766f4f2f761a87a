import { z } from 'zod'
import { ExportDescription, ExportFormat, PreprocessingManifest } from '../export/exportManifest'
import { EvaluationWithPredictions, ModelFolder, type RouteSchemas } from './routeParts'

/** Exported models: writing a run's model out, predicting with it, and taking an exported folder back in. */
export const exportRoutes = {
  /** What an export of a run will write, for the export dialog. */
  'export.describe': {
    input: z.object({ runId: z.string(), format: ExportFormat }),
    output: ExportDescription
  },
  /**
   * Writes the export atomically: the folder holds the old export or the new one, never half of one.
   * A folder that holds anything is refused unless `replace` says the person agreed to replace it.
   */
  'export.run': {
    input: z.object({
      runId: z.string(),
      format: ExportFormat,
      outPath: z.string().min(1, { error: 'give the export folder' }),
      replace: z.boolean().default(false)
    }),
    output: z.object({
      dir: z.string(),
      files: z.array(z.object({ path: z.string(), bytes: z.number().int() })),
      summary: z.string()
    })
  },
  /** What an export folder holds now, so the person is asked before an export replaces it. */
  'export.target': {
    input: z.object({ outPath: z.string().min(1, { error: 'give the export folder' }) }),
    output: z.object({
      /** The first few names in the folder, sorted; empty when it does not exist or is empty. */
      files: z.array(z.string()),
      count: z.number().int()
    })
  },
  /** Top-k classes for images sent by the UI, with exactly the preprocessing the run trained with. */
  'predict.images': {
    input: z.object({
      model: z.union([z.object({ runId: z.string() }), z.object({ modelDir: z.string().min(1) })]),
      images: z
        .array(z.object({ name: z.string(), data: z.string().max(20_000_000) }))
        .min(1)
        .max(64),
      topK: z.number().int().min(1).max(50).default(3)
    }),
    output: z.object({
      manifest: PreprocessingManifest,
      predictions: z.array(
        z.object({
          image: z.string(),
          top: z.array(z.object({ class: z.string(), index: z.number().int(), probability: z.number() })),
          error: z.string().optional()
        })
      )
    })
  },
  /**
   * The open dataset's test split through an exported TF.js model; refused, with a sentence, when the
   * export's image size or classes differ from the dataset's.
   */
  'model.evaluate': {
    input: ModelFolder,
    output: EvaluationWithPredictions
  },
  /** An exported TF.js model's preprocessing.json, with the network it was built from when the app wrote it. */
  'model.describe': {
    input: ModelFolder,
    output: PreprocessingManifest
  }
} satisfies RouteSchemas
