import { parseArgs } from '../parseArgs'
import { loadPredictor, type Prediction } from '../../engine/predict/loadPredictor'
import { trainingBackend } from '../../engine/training/trainingBackend'
import { UsageError, type CliIo } from '../cliIo'
import { COMMAND_HELP } from '../commandHelp'

export const PREDICT_USAGE = COMMAND_HELP['predict']

function textLine(image: string, prediction: Prediction): string {
  if (prediction.error !== undefined) return `${image}: ${prediction.error}`
  const top = prediction.top.map((t) => `${t.class} ${t.probability.toFixed(4)}`).join(', ')
  return `${image}: ${top}`
}

/** `cnn-workbench predict MODEL_DIR IMAGE… [--top-k K] [--json]`; returns the exit code. */
export async function runPredict(args: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'top-k': { type: 'string', default: '3' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false }
      }
    })
    if (values.help) {
      io.stdout(PREDICT_USAGE)
      return 0
    }
    const [modelDir, ...images] = positionals
    if (!modelDir || images.length === 0) throw new UsageError('give a model folder and at least one image')
    const topK = Number(values['top-k'])
    if (!Number.isInteger(topK) || topK < 1)
      throw new UsageError('--top-k must be a whole number of at least 1')
    // The compute backend the app trains and evaluates with, so the numbers are the app's.
    await trainingBackend()
    const predictor = await loadPredictor(modelDir)
    let predictions: Prediction[]
    try {
      predictions = await predictor.predict(images, topK)
    } finally {
      predictor.dispose()
    }
    const failed = predictions.filter((p) => p.error !== undefined).length
    if (values.json) {
      const entries = predictions.map((p, i) =>
        p.error !== undefined ? { image: images[i], error: p.error } : { image: images[i], top: p.top }
      )
      io.stdout(JSON.stringify({ predictions: entries }) + '\n')
    } else {
      predictions.forEach((p, i) => {
        const line = textLine(images[i] ?? '', p) + '\n'
        if (p.error !== undefined) io.stderr(line)
        else io.stdout(line)
      })
    }
    if (failed > 0) {
      io.stderr(
        `cnn-workbench predict: ${failed} of ${images.length} images could not be read; the others were classified.\n`
      )
      return 1
    }
    return 0
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`cnn-workbench predict: ${message}\n${usage ? PREDICT_USAGE : ''}`)
    return usage ? 2 : 1
  }
}
