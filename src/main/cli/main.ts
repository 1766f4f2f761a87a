import { readFile } from 'node:fs/promises'
import '../engine/backend/tfjsGreeting'
import { processIo, UsageError, type CliIo } from './cliIo'
import { runActivations } from './commands/activations'
import { runAugment } from './commands/augment'
import { runDatasetInspect } from './commands/datasetInspect'
import { runEvaluate } from './commands/evaluate'
import { runExport } from './commands/export'
import { runPredict } from './commands/predict'
import { runSaliency } from './commands/saliency'
import { runTrain } from './commands/train'
import { runNetworkSummary } from './commands/networkSummary'
import { runServe } from './commands/serve'

const USAGE = `usage: cnn-workbench <command> [options]

commands:
  serve [--host 127.0.0.1] [--port N] [--token T] [--data-root DIR]
  dataset inspect <dir|mnist> [--size 28] [--channels 1|3] [--seed S] [--json]
  network summary SPEC.json|--template NAME [--input 28x28x1] [--classes 10] [--json]
  augment IMAGE... --augment SPEC.json|--preset NAME --out DIR [--variants N] [--seed S] [--size HxW] [--channels 1|3]
  train --data DIR|mnist --network SPEC.json|--template NAME --out RUN_DIR [--epochs N] [--batch-size N]
        [--optimizer adam --lr 0.001] [--augment SPEC.json] [--seed S] [--backend NAME] [--json] | --resume RUN_DIR
  evaluate RUN_DIR
  export RUN_DIR --format tfjs|onnx|keras|pytorch|pytorch-train --out PATH
  predict MODEL_DIR IMAGE... [--top-k 3] [--json]
  activations MODEL IMAGE [--layer K] [--json] [--out DIR]
  saliency MODEL IMAGE [--class NAME] [--method gradcam|gradient] [--layer K] [--out OUT.png] [--json]

Each command prints its own options with --help.
`

type Command = (args: string[], io: CliIo) => Promise<number>

const commands: Record<string, Command> = {
  serve: runServe,
  'dataset inspect': runDatasetInspect,
  augment: (args, io) => runAugment(args, io),
  train: runTrain,
  evaluate: runEvaluate,
  export: runExport,
  predict: runPredict,
  activations: runActivations,
  saliency: runSaliency,
  'network summary': (args, io) => runNetworkSummary(args, { ...io, readFile: (p) => readFile(p, 'utf8') })
}

/** Commands that print their own, longer usage on --help. */
const SELF_DOCUMENTED = new Set(['train', 'network summary', 'export', 'predict', 'activations', 'saliency'])

function commandUsage(name: string): string {
  const lines = USAGE.split('\n')
  const start = lines.findIndex((l) => l.trim().startsWith(name + ' ') || l.trim() === name)
  const own = [lines[start] ?? '']
  for (const l of lines.slice(start + 1)) {
    if (!/^\s{6,}/.test(l)) break
    own.push(l)
  }
  return `usage: cnn-workbench ${own.map((l) => l.trim()).join('\n         ')}\n`
}

/** Finds the longest command name the arguments start with ("dataset inspect" before "dataset"). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const name = Object.keys(commands)
    .sort((a, b) => b.length - a.length)
    .find((n) => n.split(' ').every((word, i) => argv[i] === word))
  if (!name) {
    io.stderr(
      argv.length && argv[0] !== '--help' ? `Unknown command "${argv.join(' ')}".\n\n${USAGE}` : USAGE
    )
    return argv.length && argv[0] !== '--help' ? 2 : 0
  }
  const rest = argv.slice(name.split(' ').length)
  if ((rest.includes('--help') || rest.includes('-h')) && !SELF_DOCUMENTED.has(name)) {
    io.stdout(commandUsage(name))
    return 0
  }
  try {
    return await commands[name]!(rest, io)
  } catch (err) {
    // People get one sentence; the stack is only useful with CNN_WORKBENCH_DEBUG set.
    const message = err instanceof Error ? err.message : String(err)
    io.stderr(`cnn-workbench ${name}: ${message}\n`)
    if (process.env.CNN_WORKBENCH_DEBUG && err instanceof Error && !(err instanceof UsageError))
      io.stderr(`${err.stack}\n`)
    return err instanceof UsageError || (err instanceof TypeError && 'code' in err) ? 2 : 1
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/main.ts')) {
  void runCli(process.argv.slice(2), processIo).then((code) => {
    process.exitCode = code
  })
}
