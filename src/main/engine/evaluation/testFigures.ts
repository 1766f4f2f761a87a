import type { EvaluationJson, RunJson } from '../../../shared/training'
import { readRunJson, writeEvaluation, writeRunJson } from '../training/runFolder'

const SKIPPED = 'The evaluation of the final weights was skipped'

/** The warning a run gets when its final evaluation was skipped (a stop during it). */
export function skippedEvaluationWarning(runDir: string): string {
  return `${SKIPPED}: the run was stopped during it. \`cnn-workbench evaluate ${runDir}\` computes it.`
}

/**
 * Records an evaluation of a run's final model on the test split: evaluation.json, and in run.json the
 * test loss and accuracy, without the warning that the evaluation was skipped. A run still training
 * keeps its run.json (its trainer writes it); the evaluation file is written either way.
 */
export async function recordTestEvaluation(runDir: string, evaluation: EvaluationJson): Promise<RunJson> {
  await writeEvaluation(runDir, evaluation)
  const run = await readRunJson(runDir)
  if (run.status === 'running' || run.status === 'paused') return run
  const final = run.final ?? {
    trainLoss: null,
    trainAccuracy: null,
    valLoss: null,
    valAccuracy: null,
    testLoss: null,
    testAccuracy: null,
    imagesPerSecond: null,
    bestEpoch: null
  }
  const updated: RunJson = {
    ...run,
    final: { ...final, testLoss: evaluation.loss, testAccuracy: evaluation.accuracy },
    warnings: run.warnings.filter((w) => !w.startsWith(SKIPPED)),
    updatedAt: new Date().toISOString()
  }
  await writeRunJson(runDir, updated)
  return updated
}
