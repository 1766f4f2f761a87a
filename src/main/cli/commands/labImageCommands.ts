import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  divergingLimit,
  divergingPixels,
  FILTER_PRESET_NAMES,
  filterPreset,
  MAX_KERNEL_SIDE,
  parseMatrixText,
  type Matrix
} from '../../../shared/lab'
import { WorkbenchError } from '../../../shared/workbenchError'
import { mainThreadBackend } from '../../engine/backend/mainThreadBackend'
import { sharp } from '../../engine/dataset/imageDecoder'
import { filterImage, poolChain, type FloatResult } from '../../engine/lab/labFilter'
import { readLabImage } from '../../engine/lab/labImage'
import { UsageError, type CliIo } from '../cliIo'
import { COMMAND_HELP } from '../commandHelp'
import { parseArgs } from '../parseArgs'

/** `cnn-workbench lab filter` and `lab pool-chain`: the Lab's experiments on one picture. */

export const LAB_FILTER_USAGE = COMMAND_HELP['lab filter']
export const LAB_POOL_CHAIN_USAGE = COMMAND_HELP['lab pool-chain']

function kernelOf(kernel: string | undefined, preset: string | undefined): Matrix {
  if ((kernel === undefined) === (preset === undefined))
    throw new UsageError(`give either --kernel JSON or --preset NAME.\n${LAB_FILTER_USAGE}`)
  if (preset !== undefined) {
    const found = filterPreset(preset)
    if (!found)
      throw new UsageError(`unknown preset "${preset}"; choose one of ${FILTER_PRESET_NAMES.join(', ')}.`)
    return found.kernel
  }
  const parsed = parseMatrixText(kernel ?? '', 'kernel', MAX_KERNEL_SIDE)
  if (!parsed.ok) throw new UsageError(parsed.error)
  return parsed.matrix
}

/** The image as greyscale in [0, 1] with the app's decoder; an unreadable one is exit code 1. */
async function greyImage(file: string | undefined, usage: string) {
  if (file === undefined) throw new UsageError(`give an image.\n${usage}`)
  const image = await readLabImage({ kind: 'file', path: path.resolve(file) }, 1)
  await mainThreadBackend()
  return image
}

/** The float output as a PNG on the Lab's diverging scale (blue < 0 < red), so nothing is clipped. */
async function writeDiverging(file: string, result: FloatResult): Promise<void> {
  const [height, width] = result.shape
  const rgb = divergingPixels(result.values, divergingLimit(result.min, result.max))
  await writeFile(
    file,
    await sharp(Buffer.from(rgb), { raw: { height, width, channels: 3 } })
      .png()
      .toBuffer()
  )
}

export async function runLabFilter(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      kernel: { type: 'string' },
      preset: { type: 'string' },
      mode: { type: 'string', default: 'valid' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  })
  if (positionals.length > 1) throw new UsageError(`give one image, not ${positionals.length}.`)
  const mode = values.mode
  if (mode !== 'valid' && mode !== 'same')
    throw new UsageError(`--mode must be valid or same, not "${mode}".`)
  const kernel = kernelOf(values.kernel, values.preset)
  const image = await greyImage(positionals[0], LAB_FILTER_USAGE)
  let result: FloatResult
  try {
    result = filterImage(image, kernel, mode)
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'bad-input') throw new UsageError(error.message)
    throw error
  }
  if (values.out !== undefined) await writeDiverging(path.resolve(values.out), result)
  const { shape, min, max, sum } = result
  if (values.json) io.stdout(JSON.stringify({ shape, min, max, sum }) + '\n')
  else
    io.stdout(
      `output ${shape[0]}×${shape[1]} (input ${image.height}×${image.width}), values from ${min} to ${max}, sum ${sum}\n` +
        (values.out === undefined ? '' : `wrote ${values.out} (blue below 0, white 0, red above)\n`)
    )
  return 0
}

export async function runLabPoolChain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      times: { type: 'string' },
      op: { type: 'string', default: 'max' },
      json: { type: 'boolean', default: false }
    }
  })
  if (positionals.length > 1) throw new UsageError(`give one image, not ${positionals.length}.`)
  const times = Number(values.times)
  if (values.times === undefined || !Number.isInteger(times) || times < 1 || times > 10)
    throw new UsageError('--times N is required: how many 2×2 poolings in a row, from 1 to 10.')
  const op = values.op
  if (op !== 'max' && op !== 'avg') throw new UsageError(`--op must be max or avg, not "${op}".`)
  const image = await greyImage(positionals[0], LAB_POOL_CHAIN_USAGE)
  const [input, ...stages] = poolChain(image, times, op).map((stage) => stage.shape)
  if (values.json) io.stdout(JSON.stringify({ input, shapes: stages }) + '\n')
  else io.stdout(`${[input, ...stages].map((s) => `${s?.[0]}×${s?.[1]}`).join(' → ')}\n`)
  return 0
}
