import path from 'node:path'
import type { Handlers } from '../../shared/dispatch'
import { WorkbenchError } from '../../shared/workbenchError'
import { mainThreadBackend } from './backend/mainThreadBackend'
import type { DatasetSession } from './datasetHandlers'
import { describeExport, exportRun } from './export'
import { exportTargetContents } from './export/exportTarget'
import { loadPredictor, readExportManifest } from './predict'
import { evaluateExport, manifestMismatch } from './predict/exportedModel'
import type { RunsLocation } from './runsLocation'

/**
 * Export and Predict: a run's model leaves the app, classifies new images inside it, or comes back as an
 * exported folder to be described and evaluated on the open dataset.
 */
export function createExportHandlers(
  runs: RunsLocation,
  session: DatasetSession,
  cacheDir?: string
): Pick<
  Handlers,
  'export.describe' | 'export.run' | 'export.target' | 'predict.images' | 'model.describe' | 'model.evaluate'
> {
  const asPerson = (err: unknown): never => {
    if (err instanceof WorkbenchError) throw err
    throw new WorkbenchError('failed', err instanceof Error ? err.message : String(err))
  }
  return {
    'export.describe': async ({ runId, format }) =>
      describeExport(runs.runDir(runId), format).catch(asPerson),
    'export.target': async ({ outPath }) => exportTargetContents(path.resolve(outPath)).catch(asPerson),
    'export.run': async ({ runId, format, outPath, replace }) => {
      if (!path.isAbsolute(outPath))
        throw new WorkbenchError('bad-input', 'Give the export folder as a full path.')
      const { count } = await exportTargetContents(outPath).catch(asPerson)
      if (count > 0 && !replace)
        throw new WorkbenchError(
          'bad-input',
          `${outPath} already holds ${count === 1 ? 'a file' : `${count} files`}; nothing was replaced. ` +
            'Export again and agree to replace them, or choose another folder.'
        )
      await mainThreadBackend()
      return exportRun(runs.runDir(runId), format, outPath, cacheDir ? { cacheDir } : {}).catch(asPerson)
    },
    'model.describe': async ({ modelDir }) => readExportManifest(path.resolve(modelDir)).catch(asPerson),
    'model.evaluate': async ({ modelDir }) => {
      const ds = session.current
      if (!ds)
        throw new WorkbenchError(
          'not-found',
          'Open a dataset first: the export is evaluated on its test split.'
        )
      const manifest = await readExportManifest(modelDir).catch(asPerson)
      const mismatch = manifestMismatch(manifest, ds)
      if (mismatch) throw new WorkbenchError('bad-input', mismatch)
      await mainThreadBackend()
      const evaluation = await evaluateExport(modelDir, ds).catch(asPerson)
      return { ...evaluation, predictions: evaluation.predictions ?? evaluation.misclassified }
    },
    'predict.images': async ({ model, images, topK }) => {
      const dir = 'runId' in model ? runs.runDir(model.runId) : model.modelDir
      await mainThreadBackend()
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
