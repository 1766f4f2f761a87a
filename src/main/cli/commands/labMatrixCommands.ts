import type { z } from 'zod'
import {
  ConvRequest,
  MAX_INPUT_SIDE,
  MAX_KERNEL_SIDE,
  parseMatrixText,
  PoolRequest,
  type Matrix,
  type WindowAnswer
} from '../../../shared/lab'
import { WorkbenchError } from '../../../shared/workbenchError'
import { mainThreadBackend } from '../../engine/backend/mainThreadBackend'
import { labConvolution, labPooling } from '../../engine/lab/labWindows'
import { UsageError, type CliIo } from '../cliIo'
import { COMMAND_HELP } from '../commandHelp'
import { parseArgs } from '../parseArgs'

/** `cnn-workbench lab conv` and `lab pool`: the Lab's playground on the command line. */

export const LAB_CONV_USAGE = COMMAND_HELP['lab conv']
export const LAB_POOL_USAGE = COMMAND_HELP['lab pool']

function matrixFlag(value: string | undefined, flag: string, name: string, maxSide: number): Matrix {
  if (value === undefined) throw new UsageError(`${flag} is required: a matrix such as [[0,1],[1,0]].`)
  const parsed = parseMatrixText(value, name, maxSide)
  if (!parsed.ok) throw new UsageError(parsed.error)
  return parsed.matrix
}

function whole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number, not "${value}".`)
  return n
}

/** The request checked by the same schema the engine's route uses; its first message is the sentence. */
function checked<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `--${String(issue.path[0])}: ` : ''
  const message = issue?.message ?? 'invalid request'
  throw new UsageError(`${where}${message}${message.endsWith('.') ? '' : '.'}`)
}

/** Runs the engine's computation; a window that does not fit is the caller's matrix problem (exit 2). */
async function compute(run: () => WindowAnswer): Promise<WindowAnswer> {
  await mainThreadBackend()
  try {
    return run()
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'bad-input') throw new UsageError(error.message)
    throw error
  }
}

function print(answer: WindowAnswer, json: boolean, io: CliIo): number {
  const { output, shape, formula } = answer
  if (json) {
    io.stdout(JSON.stringify({ output, shape, formula }) + '\n')
    return 0
  }
  const cells = output.flat().map(String)
  const width = Math.max(...cells.map((c) => c.length))
  const rows = output.map((row) => '  ' + row.map((v) => String(v).padStart(width)).join('  '))
  io.stdout(`output (${shape[0]}×${shape[1]}):\n${rows.join('\n')}\n${formula.split('; ').join('\n')}\n`)
  return 0
}

export async function runLabConv(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      kernel: { type: 'string' },
      padding: { type: 'string' },
      stride: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  })
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"\n${LAB_CONV_USAGE}`)
  const padding = values.padding
  const request = checked(ConvRequest, {
    input: matrixFlag(values.input, '--input', 'input', MAX_INPUT_SIDE),
    kernel: matrixFlag(values.kernel, '--kernel', 'kernel', MAX_KERNEL_SIDE),
    ...(padding === undefined ? {} : { padding: /^\d+$/.test(padding) ? Number(padding) : padding }),
    ...(values.stride === undefined ? {} : { stride: whole(values.stride, '--stride') }),
    ...(values.mode === undefined ? {} : { mode: values.mode })
  })
  return print(await compute(() => labConvolution(request)), values.json, io)
}

export async function runLabPool(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      size: { type: 'string' },
      stride: { type: 'string' },
      op: { type: 'string' },
      padding: { type: 'string' },
      json: { type: 'boolean', default: false }
    }
  })
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"\n${LAB_POOL_USAGE}`)
  if (values.size === undefined) throw new UsageError(`--size K is required: the pooling window's side.`)
  const request = checked(PoolRequest, {
    input: matrixFlag(values.input, '--input', 'input', MAX_INPUT_SIDE),
    size: whole(values.size, '--size'),
    ...(values.stride === undefined ? {} : { stride: whole(values.stride, '--stride') }),
    ...(values.op === undefined ? {} : { op: values.op }),
    ...(values.padding === undefined ? {} : { padding: values.padding })
  })
  return print(await compute(() => labPooling(request)), values.json, io)
}
