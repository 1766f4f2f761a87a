import { parseArgs } from '../parseArgs'
import {
  buildTemplate,
  formatSummaryText,
  isTemplateName,
  summarizeNetwork,
  TEMPLATE_NAMES,
  type NetworkInputShape
} from '../../../shared/network'
import { COMMAND_HELP } from '../commandHelp'

export interface NetworkSummaryIo {
  stdout: (s: string) => void
  stderr: (s: string) => void
  readFile: (p: string) => Promise<string>
}

export const NETWORK_SUMMARY_USAGE = COMMAND_HELP['network summary']

class UsageError extends Error {}

/** Our own usage errors, and parseArgs' (unknown option, missing value), whose messages are readable. */
function isUsageProblem(error: unknown): error is Error {
  if (error instanceof UsageError) return true
  const code = (error as { code?: unknown } | null)?.code
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
}

function parseInputShape(text: string): NetworkInputShape {
  const match = /^(\d+)x(\d+)(?:x(\d+))?$/i.exec(text.trim())
  if (!match)
    throw new UsageError(`--input must look like 28x28x1 (height x width x channels), not "${text}"`)
  const [height, width, channels] = [match[1], match[2], match[3] ?? '1'].map(Number) as [
    number,
    number,
    number
  ]
  if (height < 1 || width < 1 || channels < 1) throw new UsageError('--input sizes must be at least 1')
  return { height, width, channels }
}

function parseClasses(text: string): number {
  const classes = Number(text)
  if (!Number.isInteger(classes) || classes < 1) {
    throw new UsageError(`--classes must be a positive whole number, not "${text}"`)
  }
  return classes
}

async function loadSpec(
  file: string | undefined,
  template: string | undefined,
  input: NetworkInputShape | undefined,
  classes: number | undefined,
  readFile: NetworkSummaryIo['readFile']
): Promise<unknown> {
  if ((file === undefined) === (template === undefined)) {
    throw new UsageError('give either a spec file or --template NAME')
  }
  if (template !== undefined) {
    if (!isTemplateName(template)) {
      throw new UsageError(`unknown template "${template}"; choose one of ${TEMPLATE_NAMES.join(', ')}`)
    }
    return buildTemplate(template, input ?? { height: 28, width: 28, channels: 1 }, classes ?? 10)
  }
  let text: string
  try {
    text = await readFile(file as string)
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`
    )
  }
  if (input && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return { ...raw, input }
  return raw
}

/** `cnn-workbench network summary …`; returns the exit code. */
export async function runNetworkSummary(args: string[], io: NetworkSummaryIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        template: { type: 'string' },
        input: { type: 'string' },
        classes: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    })
    if (values.help) {
      io.stdout(NETWORK_SUMMARY_USAGE)
      return 0
    }
    if (positionals.length > 1) throw new UsageError(`expected one spec file, got ${positionals.join(' ')}`)
    const input = values.input === undefined ? undefined : parseInputShape(values.input)
    const classes = values.classes === undefined ? undefined : parseClasses(values.classes)
    const spec = await loadSpec(positionals[0], values.template, input, classes, io.readFile)
    const checkedClasses = classes ?? (values.template !== undefined ? 10 : undefined)
    const summary = summarizeNetwork(spec, { classes: checkedClasses })
    if (values.json) {
      const { spec: _filledIn, ...printed } = summary
      io.stdout(JSON.stringify(printed, null, 2) + '\n')
    } else {
      io.stdout(formatSummaryText(summary))
    }
    return summary.errors.length > 0 ? 1 : 0
  } catch (error) {
    if (!isUsageProblem(error)) throw error
    io.stderr(`network summary: ${error.message}\n\n${NETWORK_SUMMARY_USAGE}`)
    return 2
  }
}
