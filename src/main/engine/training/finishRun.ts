import type * as tf from '@tensorflow/tfjs'
import type { RunJson } from '../../../shared/training'
import { defaultEvaluationSplit, EvaluationSkipped, evaluateModel } from '../evaluation/evaluateModel'
import { skippedEvaluationWarning } from '../evaluation/testFigures'
import { outputKind } from './classificationLoss'
import { saveFinalModel } from './modelFiles'
import { runFailureMessage } from './runFailure'
import { readMetrics, writeEvaluation, writeRunJson } from './runFolder'
import { removeRunLeftovers } from './runLeftovers'
import type { Trainer } from './trainer'
import type { TrainingData } from './trainingData'

/** Where a run is between its first batch and its final run.json. */
export class RunPhase {
  evaluating = false
  skipEvaluation = false

  /** A stop during training ends training; a stop during the final evaluation skips the evaluation. */
  stop(trainer: Trainer): void {
    if (this.evaluating) this.skipEvaluation = true
    else trainer.stop()
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Trains, evaluates the final weights (reporting progress, yielding between batches so a stop can
 * arrive), saves the model and records the outcome; a failure is recorded, not thrown.
 */
export async function finishRun(
  trainer: Trainer,
  phase: RunPhase,
  run: RunJson,
  runDir: string,
  data: TrainingData,
  model: tf.LayersModel
): Promise<RunJson> {
  try {
    const outcome = await trainer.run()
    phase.evaluating = true
    const evaluation = await evaluateModel(model, data, outputKind(run.network), {
      betweenBatches: nextTurn,
      onBatch: (done, total) =>
        trainer.reportEvaluation({ split: defaultEvaluationSplit(data), done, total }),
      shouldStop: () => phase.skipEvaluation
    }).catch((error: unknown) => {
      if (error instanceof EvaluationSkipped) return null
      throw error
    })
    if (evaluation) await writeEvaluation(runDir, evaluation)
    else run.warnings.push(skippedEvaluationWarning(runDir))
    await saveFinalModel(runDir, model)
    run.status = outcome.status
    run.step = outcome.step
    run.epochsCompleted = outcome.epochsCompleted
    // The figures of the epoch whose weights the model ends with (early stopping may restore an earlier
    // one), read back from the metrics so epochs trained before a resume count too.
    const epochs = (await readMetrics(runDir)).flatMap((line) => (line.kind === 'epoch' ? [line] : []))
    const figures = epochs.find((line) => line.epoch === outcome.bestEpoch) ?? epochs.at(-1)
    const tested = evaluation?.split === 'test'
    run.final = {
      trainLoss: figures?.trainLoss ?? null,
      trainAccuracy: figures?.trainAccuracy ?? null,
      valLoss: figures?.valLoss ?? null,
      valAccuracy: figures?.valAccuracy ?? null,
      testLoss: tested ? evaluation.loss : null,
      testAccuracy: tested ? evaluation.accuracy : null,
      imagesPerSecond: outcome.imagesPerSecond,
      bestEpoch: outcome.bestEpoch ?? figures?.epoch ?? null
    }
    if (outcome.stoppedEarly)
      run.warnings.push(
        `Stopped early after epoch ${outcome.epochsCompleted}: the validation loss stopped improving.`
      )
  } catch (error) {
    // Partial folders first: on a full disk they hold the space the failure's record needs.
    await removeRunLeftovers(runDir)
    run.status = 'failed'
    run.error = runFailureMessage(error, runDir, run.epochsCompleted)
    // The message is the report; the stack is for whoever debugs (CNN_WORKBENCH_DEBUG), not the screen.
    if (process.env.CNN_WORKBENCH_DEBUG) console.error(error)
  }
  run.updatedAt = new Date().toISOString()
  try {
    await writeRunJson(runDir, run)
  } catch (error) {
    // Still no room: once this process ends, readers see the run as interrupted, and it resumes.
    console.error(
      `Could not record the run's end in ${runDir}: ${runFailureMessage(error, runDir, run.epochsCompleted)}`
    )
  }
  return run
}
