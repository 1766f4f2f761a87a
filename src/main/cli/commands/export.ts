import { parseArgs } from '../parseArgs'
import { EXPORT_FORMATS, ExportFormat } from '../../../shared/export/exportManifest'
import { formatBytes } from '../../../shared/network/summaryText'
import { exportRun } from '../../engine/export/exportRun'
import { UsageError, type CliIo } from '../cliIo'
import { exportHelp } from '../commandHelp'

export const EXPORT_USAGE = exportHelp(EXPORT_FORMATS)

/** `cnn-workbench export RUN_DIR --format F --out DIR`; returns the exit code. */
export async function runExport(args: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', default: false }
      }
    })
    if (values.help) {
      io.stdout(EXPORT_USAGE)
      return 0
    }
    const runDir = positionals[0]
    if (!runDir || positionals.length > 1) throw new UsageError('give one run folder')
    const format = ExportFormat.safeParse(values.format)
    if (!format.success) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`)
    if (!values.out) throw new UsageError('--out DIR is required: the folder to write the export into')
    const cacheDir = process.env.CNN_WORKBENCH_CACHE_DIR
    const result = await exportRun(runDir, format.data, values.out, cacheDir ? { cacheDir } : {})
    const width = Math.max(...result.files.map((f) => f.path.length))
    for (const file of result.files) io.stdout(`${file.path.padEnd(width)}  ${formatBytes(file.bytes)}\n`)
    io.stdout(`${result.summary}\n`)
    return 0
  } catch (error) {
    const usage =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`cnn-workbench export: ${message}\n${usage ? EXPORT_USAGE : ''}`)
    return usage ? 2 : 1
  }
}
