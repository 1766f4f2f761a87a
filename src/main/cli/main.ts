import { readFile } from 'node:fs/promises'
import '../engine/backend/tfjsGreeting'
import { processIo, UsageError, type CliIo } from './cliIo'
import { commandHelp, USAGE, type CommandName } from './commandHelp'

type Command = (args: string[], io: CliIo) => Promise<number>

/** Each command is loaded only when it runs: tfjs, sharp and onnxruntime cost seconds to load. */
const commands: Record<CommandName, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve')).runServe,
  'dataset inspect': async () => (await import('./commands/datasetInspect')).runDatasetInspect,
  augment: async () => {
    const { runAugment } = await import('./commands/augment')
    return (args, io) => runAugment(args, io)
  },
  train: async () => (await import('./commands/train')).runTrain,
  evaluate: async () => (await import('./commands/evaluate')).runEvaluate,
  export: async () => (await import('./commands/export')).runExport,
  predict: async () => (await import('./commands/predict')).runPredict,
  'network summary': async () => {
    const { runNetworkSummary } = await import('./commands/networkSummary')
    return (args, io) => runNetworkSummary(args, { ...io, readFile: (p) => readFile(p, 'utf8') })
  },
  activations: async () => (await import('./commands/activations')).runActivations,
  saliency: async () => (await import('./commands/saliency')).runSaliency,
  doctor: async () => (await import('./commands/doctor')).runDoctor,
  'lab conv': async () => (await import('./commands/labMatrixCommands')).runLabConv,
  'lab pool': async () => (await import('./commands/labMatrixCommands')).runLabPool,
  'lab filter': async () => (await import('./commands/labImageCommands')).runLabFilter,
  'lab pool-chain': async () => (await import('./commands/labImageCommands')).runLabPoolChain
}

/** Finds the longest command name the arguments start with ("dataset inspect" before "dataset"). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const name = (Object.keys(commands) as CommandName[])
    .sort((a, b) => b.length - a.length)
    .find((n) => n.split(' ').every((word, i) => argv[i] === word))
  if (!name) {
    const asked = argv.length === 0 || argv[0] === '--help' || argv[0] === '-h'
    if (asked) io.stdout(USAGE)
    else io.stderr(`Unknown command "${argv.join(' ')}".\n\n${USAGE}`)
    return asked ? 0 : 2
  }
  const rest = argv.slice(name.split(' ').length)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(await commandHelp(name))
    return 0
  }
  try {
    return await (
      await commands[name]()
    )(rest, io)
  } catch (err) {
    // People get one sentence; the stack is only useful with CNN_WORKBENCH_DEBUG set.
    const message = err instanceof Error ? err.message : String(err)
    io.stderr(`cnn-workbench ${name}: ${message}\n`)
    if (process.env.CNN_WORKBENCH_DEBUG && err instanceof Error && !(err instanceof UsageError))
      io.stderr(`${err.stack}\n`)
    return err instanceof UsageError || (err instanceof TypeError && 'code' in err) ? 2 : 1
  }
}

/** Runs the CLI in this process (bin/cnn-workbench.mjs imports the build and calls this). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, processIo)
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/cli/main.ts')) {
  void main()
}
