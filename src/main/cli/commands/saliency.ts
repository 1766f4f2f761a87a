import { writeFile } from 'node:fs/promises'
import { saliencyPng } from '../../engine/insight/insightPngs'
import { gradCam, gradientSaliency, type Saliency } from '../../engine/insight/saliency'
import { prepareFileTarget } from '../../engine/files/writeTarget'
import { UsageError, type CliIo } from '../cliIo'
import { parseArgs } from '../parseArgs'
import { COMMAND_HELP } from '../commandHelp'
import { layerFlag, modelAndImage, openModelAndImage, reportError } from './insightArgs'

export const SALIENCY_USAGE = COMMAND_HELP.saliency

function rows(saliency: Saliency): number[][] {
  const [h, w] = saliency.shape
  return Array.from({ length: h }, (_, y) =>
    Array.from(saliency.values.subarray(y * w, (y + 1) * w), (v) => Number(v.toPrecision(7)))
  )
}

function summary(s: Saliency, className: string): string {
  const peak = s.values.reduce((b, v, i) => (v > (s.values[b] ?? -Infinity) ? i : b), 0)
  const [h, w] = s.shape
  const where = s.method === 'gradcam' ? `Grad-CAM at layer ${s.layer}` : 'gradient saliency at the input'
  return (
    `${className} (index ${s.classIndex}, probability ${s.probability.toFixed(4)}): ${where}, ${h}×${w} map, ` +
    `largest ${(s.values[peak] ?? 0).toPrecision(4)} at row ${Math.floor(peak / w)}, column ${peak % w}\n`
  )
}

/** `cnn-workbench saliency MODEL IMAGE …`; returns the exit code. */
export async function runSaliency(args: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        class: { type: 'string' },
        method: { type: 'string', default: 'gradcam' },
        layer: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false }
      }
    })
    if (values.help) {
      io.stdout(SALIENCY_USAGE)
      return 0
    }
    const { model, image } = modelAndImage(positionals)
    const method = values.method
    if (method !== 'gradcam' && method !== 'gradient')
      throw new UsageError('--method must be gradcam or gradient')
    const layer = layerFlag(values.layer)
    if (method === 'gradient' && layer !== undefined)
      throw new UsageError('--layer applies to gradcam only; gradient saliency is taken at the input')
    const { inspected, prepared } = await openModelAndImage(model, image)
    try {
      const classes = inspected.manifest.classes
      let classIndex: number | undefined
      if (values.class !== undefined) {
        classIndex = classes.indexOf(values.class)
        if (classIndex < 0)
          throw new UsageError(
            `the model has no class "${values.class}"; its classes are ${classes.join(', ')}`
          )
      }
      const saliency =
        method === 'gradcam'
          ? gradCam(inspected, prepared.pixels, { classIndex, layer })
          : gradientSaliency(inspected, prepared.pixels, { classIndex })
      const className = classes[saliency.classIndex] ?? String(saliency.classIndex)
      if (values.out) {
        const { height, width, channels } = inspected.manifest.input
        const png = await saliencyPng({
          pixels: prepared.pixels,
          height,
          width,
          channels,
          map: saliency.values,
          mapShape: saliency.shape
        })
        await writeFile(await prepareFileTarget(values.out, 'the saliency image'), png)
      }
      if (values.json) {
        const document = {
          class: className,
          index: saliency.classIndex,
          probability: Number(saliency.probability.toPrecision(7)),
          method: saliency.method,
          layer: saliency.layer,
          map: { shape: saliency.shape, values: rows(saliency) }
        }
        io.stdout(JSON.stringify(document) + '\n')
      } else {
        io.stdout(summary(saliency, className))
        if (values.out) io.stdout(`wrote ${values.out}\n`)
      }
      return 0
    } finally {
      inspected.model.dispose()
    }
  } catch (error) {
    return reportError('saliency', error, SALIENCY_USAGE, io.stderr)
  }
}
