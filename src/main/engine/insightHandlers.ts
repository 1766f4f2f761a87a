import type { Handlers } from '../../shared/dispatch'
import type { InsightModel } from '../../shared/routes/insightRoutes'
import { WorkbenchError } from '../../shared/workbenchError'
import { mainThreadBackend } from './backend/mainThreadBackend'
import type { DatasetSession } from './datasetHandlers'
import { convFilters, convFiltersOf } from './insight/filters'
import { featureMaps } from './insight/featureMaps'
import { InspectedModelCache } from './insight/inspectedModel'
import { resolveInsightImage } from './insight/insightImage'
import { checkpoint } from './insight/insightWork'
import { layerMapsForWire, saliencyForWire, toBase64 } from './insight/insightWire'
import { gradCam, gradientSaliency } from './insight/saliency'
import type { Operations } from './operations'
import type { RunsLocation } from './runsLocation'

type InsightRoutes = Pick<Handlers, 'insight.featureMaps' | 'insight.filters' | 'insight.saliency'>

/** Errors the inspector's work raises, as the other side may see them. */
function asPerson(err: unknown): never {
  if (err instanceof WorkbenchError || (err instanceof Error && err.name === 'AbortError')) throw err
  if (err instanceof RangeError) throw new WorkbenchError('bad-input', err.message)
  throw new WorkbenchError('failed', err instanceof Error ? err.message : String(err))
}

/** The image inspector's routes: feature maps, filters and saliency of a run or an exported folder. */
export function createInsightHandlers(
  session: DatasetSession,
  runs: RunsLocation,
  ops: Operations,
  cache = new InspectedModelCache()
): InsightRoutes {
  const dirOf = (model: InsightModel): string =>
    'runId' in model ? runs.runDir(model.runId) : model.modelDir
  // The backend prediction uses, chosen before a model is built on it.
  const withModel: InspectedModelCache['use'] = async (dir, work) => {
    await mainThreadBackend()
    return cache.use(dir, work).catch(asPerson)
  }

  return {
    'insight.featureMaps': async ({ model, image, layers, opId }) =>
      ops.run(opId, (ctx) =>
        withModel(dirOf(model), async (inspected) => {
          const started = performance.now()
          const prepared = await resolveInsightImage(image, inspected.manifest, session.current)
          const maps = await featureMaps(inspected, prepared.pixels, layers, ctx)
          const { classes, input } = inspected.manifest
          return {
            image: {
              name: prepared.name,
              path: prepared.path,
              trueLabel: prepared.trueLabel,
              trueClass: prepared.trueLabel === null ? null : (classes[prepared.trueLabel] ?? null),
              input,
              pixels: Buffer.from(prepared.pixels).toString('base64')
            },
            classes,
            probabilities: Array.from(maps.probabilities),
            predicted: maps.predicted,
            network: inspected.layers.map((l) => ({
              layer: l.layer,
              kind: l.kind,
              name: l.name,
              shape: l.shape,
              spatial: l.shape.length === 3
            })),
            layers: maps.layers.map(layerMapsForWire),
            ms: performance.now() - started
          }
        })
      ),
    'insight.filters': async ({ model, layer }) =>
      withModel(dirOf(model), (inspected) => {
        const all = convFilters(inspected)
        const chosen = layer === undefined ? all[0] : convFiltersOf(inspected, layer)
        return {
          layers: all.map(({ values: _values, ...rest }) => rest),
          selected: chosen ? { layer: chosen.layer, values: toBase64(chosen.values) } : null
        }
      }),
    'insight.saliency': async ({ model, images, method, classIndex, layer, opId }) => {
      if (method === 'gradient' && layer !== undefined)
        throw new WorkbenchError(
          'bad-input',
          'Gradient saliency is taken at the input; a layer applies to Grad-CAM only.'
        )
      return ops.run(opId, (ctx) =>
        withModel(dirOf(model), async (inspected) => {
          const maps = []
          for (const [i, image] of images.entries()) {
            try {
              const prepared = await resolveInsightImage(image, inspected.manifest, session.current)
              const saliency =
                method === 'gradcam'
                  ? gradCam(inspected, prepared.pixels, { classIndex, layer })
                  : gradientSaliency(inspected, prepared.pixels, { classIndex })
              maps.push(saliencyForWire(saliency, inspected.manifest.classes))
            } catch (err) {
              // A wrong layer or class is wrong for every image: say it once, for the request.
              if (err instanceof RangeError || images.length === 1) throw err
              maps.push({ error: err instanceof Error ? err.message : String(err) })
            }
            ctx.onProgress({
              phase: method === 'gradcam' ? 'Grad-CAM' : 'saliency',
              done: i + 1,
              total: images.length
            })
            await checkpoint(ctx)
          }
          return { maps }
        })
      )
    }
  }
}
