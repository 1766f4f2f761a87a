import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { featureMaps, type LayerOutput } from '../../engine/insight/featureMaps'
import { layerPng } from '../../engine/insight/insightPngs'
import { makeFolder } from '../../engine/files/writeTarget'
import type { CliIo } from '../cliIo'
import { parseArgs } from '../parseArgs'
import { COMMAND_HELP } from '../commandHelp'
import { layerFlag, modelAndImage, openModelAndImage, reportError } from './insightArgs'

export const ACTIVATIONS_USAGE = COMMAND_HELP.activations

const round = (v: number): number => Number(v.toPrecision(7))

function layerJson(layer: LayerOutput) {
  return {
    layer: layer.layer,
    kind: layer.kind,
    shape: layer.shape,
    min: round(layer.min),
    max: round(layer.max),
    channels: layer.channels.map((c, index) => ({
      index,
      min: round(c.min),
      max: round(c.max),
      mean: round(c.mean)
    }))
  }
}

const layerLine = (l: LayerOutput): string =>
  `layer ${l.layer} ${l.kind} ${l.shape.join('×')}: min ${l.min.toFixed(4)}, max ${l.max.toFixed(4)}`

/** `cnn-workbench activations MODEL IMAGE …`; returns the exit code. */
export async function runActivations(args: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        layer: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    })
    if (values.help) {
      io.stdout(ACTIVATIONS_USAGE)
      return 0
    }
    const { model, image } = modelAndImage(positionals)
    const layer = layerFlag(values.layer)
    const { inspected, prepared } = await openModelAndImage(model, image)
    try {
      const maps = await featureMaps(inspected, prepared.pixels, layer === undefined ? undefined : [layer])
      const written: string[] = []
      if (values.out) {
        await makeFolder(values.out, 'the activation images')
        for (const l of maps.layers) {
          const file = path.join(values.out, `layer-${l.layer}-${l.kind}.png`)
          await writeFile(file, await layerPng(l))
          written.push(file)
        }
      }
      const classes = inspected.manifest.classes
      const best = maps.predicted
      const predicted = {
        class: classes[best] ?? String(best),
        index: best,
        probability: round(maps.probabilities[best] ?? 0)
      }
      if (values.json) {
        const document = {
          layers: maps.layers.map(layerJson),
          classes,
          probabilities: Array.from(maps.probabilities, round),
          predicted
        }
        io.stdout(JSON.stringify(document) + '\n')
      } else {
        io.stdout(maps.layers.map(layerLine).join('\n') + '\n')
        io.stdout(`predicted ${predicted.class} (${predicted.probability.toFixed(4)})\n`)
        if (written.length) io.stdout(`wrote ${written.length} PNG files to ${values.out}\n`)
      }
      return 0
    } finally {
      inspected.model.dispose()
    }
  } catch (error) {
    return reportError('activations', error, ACTIVATIONS_USAGE, io.stderr)
  }
}
