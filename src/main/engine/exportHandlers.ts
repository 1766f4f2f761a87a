import path from 'node:path'
import type { Handlers } from '../../shared/dispatch'
import { WorkbenchError } from '../../shared/workbenchError'
import { computeBackend } from './compute/computeBackend'
import { describeExport, exportRun } from './export'
import { loadPredictor, readExportManifest } from './predict'
import type { RunsLocation } from './runsLocation'

/** Export and Predict: a run's model leaves the app, or classifies new images inside it. */
export function createExportHandlers(
  runs: RunsLocation,
  cacheDir?: string
): Pick<Handlers, 'export.describe' | 'export.run' | 'predict.images' | 'model.describe'> {
  const asPerson = (err: unknown): never => {
    if (err instanceof WorkbenchError) throw err
    throw new WorkbenchError('failed', err instanceof Error ? err.message : String(err))
  }
  return {
    'export.describe': async ({ runId, format }) =>
      describeExport(runs.runDir(runId), format).catch(asPerson),
    'export.run': async ({ runId, format, outPath }) => {
      if (!path.isAbsolute(outPath))
        throw new WorkbenchError('bad-input', 'Give the export folder as a full path.')
      await computeBackend()
      return exportRun(runs.runDir(runId), format, outPath, cacheDir ? { cacheDir } : {}).catch(asPerson)
    },
    'model.describe': async ({ modelDir }) => readExportManifest(path.resolve(modelDir)).catch(asPerson),
    'predict.images': async ({ model, images, topK }) => {
      const dir = 'runId' in model ? runs.runDir(model.runId) : model.modelDir
      await computeBackend()
      const predictor = await loadPredictor(dir).catch(asPerson)
      try {
        const results = await predictor.predict(
          images.map((im) => Buffer.from(im.data, 'base64')),
          topK
        )
        return {
          manifest: predictor.manifest,
          predictions: results.map((r, i) => ({
            image: images[i]?.name ?? String(i),
            top: r.top,
            ...(r.error ? { error: r.error } : {})
          }))
        }
      } finally {
        predictor.dispose()
      }
    }
  }
}
