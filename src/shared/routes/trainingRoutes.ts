import { z } from 'zod'
import { AugmentSpec } from '../augment/augmentSpec'
import { NetworkSpec } from '../network/networkSpec'
import { MetricsLine, RunJson, RunStatus, TrainingSettings } from '../training'
import {
  ComputeBackendName,
  Empty,
  EvaluationWithPredictions,
  ModelFolder,
  type RouteSchemas
} from './routeParts'

/** Runs: training them, following and controlling them, and their metrics and evaluation. */
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
  /**
   * Asks the run to pause, resume or stop; the trainer takes it between two batches. The answer is the
   * status the run had when asked: its progress and run events report the change once it has taken effect.
   */
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
  }
} satisfies RouteSchemas
