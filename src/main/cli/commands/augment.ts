import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from '../parseArgs'
import * as tf from '@tensorflow/tfjs'
import { parseAugmentSpecJson, presetSpec, type AugmentSpec } from '../../../shared/augment'
import { decodeImage, shapeOfImage, writePng } from '../../engine/augment/augmentImageFiles'
import { augmentPreview } from '../../engine/augment/augmentPreview'
import { makeFolder } from '../../engine/files/writeTarget'
import type { ImageShape } from '../../engine/augment/pixelBatch'
import { UsageError, type CliIo } from '../cliIo'
import { COMMAND_HELP } from '../commandHelp'

const USAGE = COMMAND_HELP['augment']

/** A failure the user can fix (bad spec, unreadable image): one line, exit code 1. */
class AugmentInputError extends Error {}

function wholeNumber(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be a whole number ≥ ${min}, not "${value}".`)
  return n
}

function parseSize(value: string): { height: number; width: number } {
  const match = /^(\d+)(?:x(\d+))?$/i.exec(value.trim())
  const height = Number(match?.[1])
  const width = Number(match?.[2] ?? match?.[1])
  if (!match || height < 1 || width < 1 || height > 4096 || width > 4096) {
    throw new UsageError(`--size must be HxW (e.g. 28x28) or one number for a square, not "${value}".`)
  }
  return { height, width }
}

async function loadSpec(specPath: string | undefined, preset: string | undefined): Promise<AugmentSpec> {
  if (preset !== undefined) {
    const spec = presetSpec(preset)
    if (!spec) throw new UsageError(`unknown preset "${preset}"; use none, lecture, light or strong.`)
    return spec
  }
  if (specPath === undefined)
    throw new UsageError(`--augment SPEC.json (or --preset NAME) is required.\n${USAGE}`)
  let text: string
  try {
    text = await readFile(specPath, 'utf8')
  } catch (err) {
    throw new AugmentInputError(`cannot read the spec ${specPath}: ${(err as Error).message}`)
  }
  const parsed = parseAugmentSpecJson(text)
  if (!parsed.ok)
    throw new AugmentInputError(
      `${specPath} is not a valid augmentation spec:\n  ${parsed.errors.join('\n  ')}`
    )
  return parsed.spec
}

/** Output names from the image names, made unique when two inputs share a name. */
function outputStems(files: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return files.map((file) => {
    const stem = path.basename(file, path.extname(file))
    const count = seen.get(stem) ?? 0
    seen.set(stem, count + 1)
    return count === 0 ? stem : `${stem}-${count + 1}`
  })
}

async function run(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      augment: { type: 'string' },
      preset: { type: 'string' },
      variants: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      channels: { type: 'string' },
      out: { type: 'string' }
    }
  })
  if (positionals.length === 0) throw new UsageError(`give at least one image.\n${USAGE}`)
  if (!values.out) throw new UsageError(`--out DIR is required.\n${USAGE}`)
  const variants = wholeNumber(values.variants, '--variants', 4, 1)
  const seed = wholeNumber(values.seed, '--seed', 1, Number.MIN_SAFE_INTEGER)
  const channels = values.channels === undefined ? undefined : Number(values.channels)
  if (channels !== undefined && channels !== 1 && channels !== 3)
    throw new UsageError('--channels must be 1 or 3.')
  const spec = await loadSpec(values.augment, values.preset)

  const files = positionals.map((p) => path.resolve(p))
  const first = await shapeOfImage(files[0] ?? '').catch((err: Error) => {
    throw new AugmentInputError(`cannot read the image ${files[0]}: ${err.message}`)
  })
  const shape: ImageShape = {
    ...first,
    ...(values.size ? parseSize(values.size) : {}),
    channels: channels ?? first.channels
  }
  const images: Uint8Array[] = []
  for (const file of files) {
    images.push(
      await decodeImage(file, shape).catch((err: Error) => {
        throw new AugmentInputError(`cannot read the image ${file}: ${err.message}`)
      })
    )
  }

  await tf.ready()
  const preview = augmentPreview({ images, ...shape, variants, spec, seed })
  const outDir = path.resolve(values.out)
  await makeFolder(outDir, 'the augmented images')
  const stems = outputStems(files)
  const outputs = []
  for (const v of preview.variants) {
    const file = `${stems[v.sourceIndex]}_v${v.variant}.png`
    const grown = v.height !== shape.height || v.width !== shape.width
    await writePng(path.join(outDir, file), v.pixels, { ...shape, height: v.height, width: v.width })
    outputs.push({
      file,
      // Only rotate's expand changes the size; then the output says its own.
      ...(grown ? { size: { height: v.height, width: v.width, channels: shape.channels } } : {}),
      source: files[v.sourceIndex],
      sourceIndex: v.sourceIndex,
      variant: v.variant,
      index: v.index,
      epoch: v.epoch,
      label: v.label,
      params: v.params
    })
  }
  const listing = { seed, size: shape, spec, outputs }
  await writeFile(path.join(outDir, 'params.json'), JSON.stringify(listing, null, 2) + '\n')
  io.stdout(
    `wrote ${outputs.length} images (${variants} per source, ${shape.height}×${shape.width}×${shape.channels}) and params.json to ${outDir}\n`
  )
  return 0
}

/**
 * `cnn-workbench augment IMAGE... --augment SPEC.json --out DIR`: writes each variant as a PNG and a
 * params.json that lists, for every output, its source image and what was drawn. Variant v of image i is
 * what training would see for sample i at epoch v. Returns the exit code: 0, 2 for bad usage, 1 for a bad
 * spec or an unreadable image.
 */
export async function runAugment(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  try {
    return await run(args, io)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    io.stderr(`cnn-workbench augment: ${message}\n`)
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) return 2
    return 1
  }
}
