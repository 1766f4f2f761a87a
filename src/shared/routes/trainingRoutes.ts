import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import { ExportDescription, ExportFormat, PreprocessingManifest } from '../export/exportManifest'
import { NetworkSpec } from '../network/networkSpec'
import { MetricsLine, RunJson, RunStatus, TrainingSettings } from '../training'
import {
  ComputeBackendName,
  Empty,
  EvaluationWithPredictions,
  ModelFolder,
  type RouteSchemas
} from './routeParts'

/** Runs and what comes out of them: training, evaluation, export and prediction. */
export const trainingRoutes = {
  /** Trains the open dataset in the engine; progress arrives as `training.progress` events. */
  'training.start': {
    input: z.object({
      settings: TrainingSettings.default(TrainingSettings.parse({})),
      network: NetworkSpec,
      augment: AugmentSpec.nullable().default(null),
      /** Forces a compute backend for this run; by default the engine's best one. */
      backend: ComputeBackendName.optional(),
      /** Start from an exported TF.js model's weights (same network and classes) instead of seeded ones. */
      initialWeights: ModelFolder.optional()
    }),
    output: z.object({ runId: z.string(), runDir: z.string() })
  },
  'training.control': {
    input: z.object({ runId: z.string(), action: z.enum(['pause', 'resume', 'stop']) }),
    output: z.object({ status: RunStatus })
  },
  /** Continues a stopped or interrupted run from its last checkpoint. */
  'training.continue': {
    input: z.object({ runId: z.string() }),
    output: z.object({ runId: z.string(), runDir: z.string() })
  },
  'training.runs': {
    input: Empty,
    output: z.object({ runsDir: z.string(), runs: z.array(RunJson) })
  },
  'training.metrics': {
    input: z.object({ runId: z.string() }),
    output: z.object({ lines: z.array(MetricsLine) })
  },
  /** The test split through a run's final weights; computed once and kept in the run folder. */
  'training.evaluation': {
    input: z.object({ runId: z.string() }),
    output: EvaluationWithPredictions
  },
  /**
   * Takes a run trained elsewhere (a trained PyTorch training project, or a copied run folder) into the
   * runs folder, after checking that its model loads; the Train room then lists it beside local runs.
   */
  'training.import': {
    input: z.object({ dir: z.string().min(1, { error: 'give the folder of the trained run' }) }),
    output: z.object({ run: RunJson, runDir: z.string(), alreadyThere: z.boolean() })
  },
  /** What an export of a run will write, for the export dialog. */
  'export.describe': {
    input: z.object({ runId: z.string(), format: ExportFormat }),
    output: ExportDescription
  },
  /** Writes the export atomically: the folder holds the old export or the new one, never half of one. */
  'export.run': {
    input: z.object({ runId: z.string(), format: ExportFormat, outPath: z.string().min(1) }),
    output: z.object({
      dir: z.string(),
      files: z.array(z.object({ path: z.string(), bytes: z.number().int() })),
      summary: z.string()
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
