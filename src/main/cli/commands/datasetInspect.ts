import path from 'node:path'
import { parseArgs } from '../parseArgs'
import type { DatasetOpenOptions, DatasetSource } from '../../../shared/datasetSchemas'
import { formatImportReport, openDataset } from '../../engine/dataset/openDataset'
import { UsageError, type CliIo } from '../cliIo'
import { checkedOpenOptions } from '../datasetFlags'

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be a whole number, not "${value}".`)
  return n
}

/** `cnn-workbench dataset inspect <dir|mnist> [--size 28] [--channels 1|3] [--seed S] [--json]` */
export async function runDatasetInspect(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      size: { type: 'string' },
      channels: { type: 'string' },
      seed: { type: 'string' },
      resize: { type: 'string' },
      'cache-dir': { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  })
  const target = positionals[0]
  if (!target || positionals.length > 1)
    throw new UsageError(
      'usage: cnn-workbench dataset inspect <dir|mnist> [--size N] [--channels 1|3] [--seed S] [--json]'
    )
  const channels = intOption(values.channels, '--channels')
  if (channels !== undefined && channels !== 1 && channels !== 3)
    throw new UsageError('--channels must be 1 or 3.')
  const resize = values.resize
  if (resize !== undefined && !['stretch', 'letterbox', 'centre-crop'].includes(resize)) {
    throw new UsageError('--resize must be stretch, letterbox or centre-crop.')
  }
  const options = checkedOpenOptions({
    size: intOption(values.size, '--size'),
    channels: channels as 1 | 3 | undefined,
    seed: intOption(values.seed, '--seed'),
    resize: resize as DatasetOpenOptions['resize']
  })
  const source: DatasetSource =
    target === 'mnist' ? { kind: 'mnist' } : { kind: 'folder', path: path.resolve(target) }
  const ds = await openDataset(source, options, {
    cacheDir: values['cache-dir'],
    onProgress: io.interactive
      ? (p) => io.stderr(`\r${p.phase} ${p.done}/${p.total}${p.done >= p.total ? '\n' : ''}`)
      : undefined
  })
  io.stdout(values.json ? JSON.stringify(ds.report) + '\n' : formatImportReport(ds.report))
  return 0
}
