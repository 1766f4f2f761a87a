import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from '../parseArgs'
import type { DatasetOpenOptions, DatasetSource } from '../../../shared/datasetSchemas'
import {
  buildTemplate,
  isTemplateName,
  parseSpecJson,
  TEMPLATE_NAMES,
  type NetworkSpec
} from '../../../shared/network'
import { deepMnistNetwork, type TrainingProgress } from '../../../shared/training'
import { openDataset } from '../../engine/dataset/openDataset'
import { checkFolderTarget } from '../../engine/files/writeTarget'
import { resumeRun } from '../../engine/training/resumeRun'
import { BACKEND_NAMES, isBackendName } from '../../engine/training/trainingBackend'
import { startTraining, type TrainingRun } from '../../engine/training/trainingRun'
import { processIo, UsageError, type CliIo } from '../cliIo'
import { checkedOpenOptions } from '../datasetFlags'
import {
  isTrainingPreset,
  loadAugment,
  num,
  OPTIONS,
  readText,
  settingsFrom,
  TRAINING_PRESETS,
  withFlagNames,
  type Flags
} from './trainFlags'
import { runImport } from './trainImport'
import { reporter, summary } from './trainOutput'
import { COMMAND_HELP } from '../commandHelp'

export const TRAIN_USAGE = COMMAND_HELP['train']

async function startFromFlags(
  flags: Flags,
  io: CliIo,
  onProgress: (p: TrainingProgress) => void
): Promise<TrainingRun> {
  if (!flags.out) throw new UsageError('--out RUN_DIR is required: the folder the run is written to')
  if (!flags.data) throw new UsageError('--data DIR|mnist is required')
  if (flags.preset !== undefined && !isTrainingPreset(flags.preset))
    throw new UsageError(
      `unknown preset "${flags.preset}"; choose ${Object.keys(TRAINING_PRESETS).join(', ')}`
    )
  const presetNetwork =
    flags.preset !== undefined && flags.network === undefined && flags.template === undefined
  if (!presetNetwork && (flags.network === undefined) === (flags.template === undefined))
    throw new UsageError('give either --network SPEC.json or --template NAME (or --preset deep-mnist)')
  if (flags.template !== undefined && !isTemplateName(flags.template)) {
    throw new UsageError(`unknown template "${flags.template}"; choose one of ${TEMPLATE_NAMES.join(', ')}`)
  }
  let spec: NetworkSpec | null = null
  if (flags.network !== undefined) {
    const parsed = parseSpecJson(await readText(flags.network, 'network spec'))
    if (!parsed.ok) throw new UsageError(`${flags.network}: ${parsed.errors.join('; ')}`)
    spec = parsed.spec
  }
  const augment = await loadAugment(flags.augment)
  const settings = settingsFrom(flags, augment !== null)
  if (!settings.ok) throw new UsageError(withFlagNames(settings.errors).join('; '))
  const channels = num(flags.channels, '--channels')
  if (channels !== undefined && channels !== 1 && channels !== 3)
    throw new UsageError('--channels must be 1 or 3')
  const size = num(flags.size, '--size')
  // A spec file fixes the input size, so the images are decoded to fit it unless asked otherwise.
  const openOptions: DatasetOpenOptions = checkedOpenOptions({
    ...(spec && size === undefined ? { height: spec.input.height, width: spec.input.width } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(channels !== undefined
      ? { channels }
      : spec && spec.input.channels <= 3
        ? { channels: spec.input.channels as 1 | 3 }
        : {})
  })
  // Refused before the (possibly long) dataset opening, not after it.
  await checkFolderTarget(flags.out, 'a run')
  const source: DatasetSource =
    flags.data === 'mnist' ? { kind: 'mnist' } : { kind: 'folder', path: path.resolve(flags.data) }
  if (!flags.json)
    io.stderr(`Opening ${flags.data === 'mnist' ? 'MNIST' : source.kind === 'folder' ? source.path : ''}…\n`)
  const data = await openDataset(source, openOptions, {
    cacheDir: process.env.CNN_WORKBENCH_CACHE_DIR || undefined
  })
  const network =
    spec ??
    (presetNetwork
      ? deepMnistNetwork(data.input, data.classNames.length)
      : buildTemplate(
          flags.template as Parameters<typeof buildTemplate>[0],
          data.input,
          data.classNames.length
        ))
  return startTraining({
    runDir: path.resolve(flags.out),
    data,
    source,
    openOptions,
    network,
    augment,
    settings: settings.settings,
    onProgress,
    ...(flags.backend && isBackendName(flags.backend) ? { backend: flags.backend } : {}),
    ...(flags['init-weights'] === undefined ? {} : { initialWeights: path.resolve(flags['init-weights']) })
  })
}

/** `cnn-workbench train …`: trains in this process and writes the run folder; returns the exit code. */
export async function runTrain(args: string[], io: CliIo): Promise<number> {
  let run: TrainingRun | null = null
  const stopOnInterrupt = (): void => {
    io.stderr('\nStopping after this batch (interrupt again to quit at once)…\n')
    run?.stop()
    process.once('SIGINT', () => process.exit(130))
  }
  try {
    const { values: flags, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true })
    if (flags.help) {
      io.stdout(TRAIN_USAGE)
      return 0
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    if (flags.backend !== undefined && !isBackendName(flags.backend)) {
      throw new UsageError(`unknown backend "${flags.backend}"; choose one of ${BACKEND_NAMES.join(', ')}`)
    }
    if (flags.import !== undefined) return await runImport(flags.import, flags.runs, flags.json, io)
    const onProgress = reporter(io, flags.json)
    const backend =
      flags.backend !== undefined && isBackendName(flags.backend) ? { backend: flags.backend } : {}
    run = flags.resume
      ? await resumeRun(
          path.resolve(flags.resume),
          { onProgress, ...backend },
          { cacheDir: process.env.CNN_WORKBENCH_CACHE_DIR || undefined }
        )
      : await startFromFlags(flags, io, onProgress)
    process.once('SIGINT', stopOnInterrupt)
    const final = await run.done
    io.stdout(flags.json ? JSON.stringify(final) + '\n' : `${summary(final)}\nRun folder: ${run.runDir}\n`)
    return final.status === 'failed' ? 1 : 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    io.stderr(`cnn-workbench train: ${message}\n`)
    return usage ? 2 : 1
  } finally {
    process.removeListener('SIGINT', stopOnInterrupt)
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runTrain(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code
  })
}
