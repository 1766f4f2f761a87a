import path from 'node:path'
import { parseArgs } from '../parseArgs'
import type { EvaluationJson } from '../../../shared/training'
import { evaluateModel } from '../../engine/evaluation/evaluateModel'
import { recordTestEvaluation } from '../../engine/evaluation/testFigures'
import { buildModel } from '../../engine/network/buildModel'
import { loadModelWeights } from '../../engine/training/checkpoint'
import { outputKind } from '../../engine/training/classificationLoss'
import { MODEL_DIR } from '../../engine/training/modelFiles'
import { openRunDataset } from '../../engine/training/resumeRun'
import { readRunJson } from '../../engine/training/runFolder'
import { BACKEND_NAMES, isBackendName, trainingBackend } from '../../engine/training/trainingBackend'
import { UsageError, type CliIo } from '../cliIo'
import { COMMAND_HELP } from '../commandHelp'

const EVALUATE_USAGE = COMMAND_HELP['evaluate']

function text(evaluation: EvaluationJson): string {
  const lines = [
    `${evaluation.split}: ${evaluation.count} images, accuracy ${evaluation.accuracy?.toFixed(4)}, loss ${evaluation.loss?.toFixed(4)}, macro F1 ${evaluation.macroF1?.toFixed(4)}`,
    ...evaluation.perClass.map(
      (c) =>
        `  ${c.className}: precision ${c.precision.toFixed(3)} recall ${c.recall.toFixed(3)} F1 ${c.f1.toFixed(3)} (${c.support})`
    ),
    `${evaluation.misclassified.length} misclassified`
  ]
  return lines.join('\n') + '\n'
}

/** `cnn-workbench evaluate RUN_DIR …`; returns the exit code. */
export async function runEvaluate(args: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        split: { type: 'string', default: 'test' },
        backend: { type: 'string' },
        json: { type: 'boolean', default: false }
      }
    })
    const runDir = positionals[0]
    if (!runDir || positionals.length > 1) throw new UsageError('give one run folder')
    const split = values.split
    if (split !== 'test' && split !== 'val' && split !== 'train')
      throw new UsageError('--split must be test, val or train')
    if (values.backend !== undefined && !isBackendName(values.backend)) {
      throw new UsageError(`unknown backend "${values.backend}"; choose one of ${BACKEND_NAMES.join(', ')}`)
    }
    const run = await readRunJson(path.resolve(runDir))
    await trainingBackend(
      values.backend !== undefined && isBackendName(values.backend) ? values.backend : undefined
    )
    const data = await openRunDataset(run.dataset, {
      cacheDir: process.env.CNN_WORKBENCH_CACHE_DIR || undefined
    })
    const model = buildModel(run.network)
    try {
      await loadModelWeights(path.join(path.resolve(runDir), MODEL_DIR), model)
      const evaluation = await evaluateModel(model, data, outputKind(run.network), { split })
      if (split === 'test') await recordTestEvaluation(path.resolve(runDir), evaluation)
      io.stdout(values.json ? JSON.stringify(evaluation) + '\n' : text(evaluation))
    } finally {
      model.dispose()
    }
    return 0
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`cnn-workbench evaluate: ${message}\n${usage ? EVALUATE_USAGE : ''}`)
    return usage ? 2 : 1
  }
}
