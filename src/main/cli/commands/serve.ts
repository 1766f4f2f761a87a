import os from 'node:os'
import path from 'node:path'
import { parseArgs } from '../parseArgs'
import { WorkbenchError } from '../../../shared/workbenchError'
import { appInfoHandler } from '../../host/appInfo'
import { createContractRouter } from '../../host/contractRouter'
import { EngineHost } from '../../host/engineHost'
import { appRoot, runsFromBuild } from '../../host/appPaths'
import { cliEngineLaunch, type EngineEnv } from '../../host/engineLaunch'
import { keepServingOnUncaughtErrors } from '../../serve/lastResort'
import { startServer } from '../../serve/startServer'
import type { CliIo } from '../cliIo'

export const DEFAULT_PORT = 8177

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

export function parseServeArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: String(DEFAULT_PORT) },
      token: { type: 'string' },
      'data-root': { type: 'string' },
      'cache-dir': { type: 'string' },
      'runs-dir': { type: 'string' }
    },
    strict: true
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a whole number from 0 to 65535.`)
  if (values.token !== undefined && values.token.length < 8)
    throw new Error('--token must be at least 8 characters.')
  return {
    host: values.host,
    port,
    token: values.token,
    dataRoot: path.resolve(values['data-root'] ?? os.homedir()),
    cacheDir: values['cache-dir'] ? path.resolve(values['cache-dir']) : undefined,
    runsDir: values['runs-dir'] ? path.resolve(values['runs-dir']) : undefined
  }
}

/** `cnn-workbench serve`: the desktop app's engine and contract in plain Node, its renderer in any browser. */
export async function runServe(args: string[], io: CliIo): Promise<number> {
  const opts = parseServeArgs(args)
  const stopGuarding = keepServingOnUncaughtErrors()
  const env: EngineEnv = { dataRoot: opts.dataRoot, cacheDir: opts.cacheDir, runsDir: opts.runsDir }
  const root = appRoot()
  // Built, serve mode runs the built engine; from source (development) the engine's sources through tsx.
  const engine = new EngineHost(cliEngineLaunch(env, runsFromBuild ? path.join(root, 'out', 'main') : null))
  engine.start()
  const contract = createContractRouter(engine, {
    'app.info': appInfoHandler('serve', opts.dataRoot, engine),
    'dialog.openFolder': async () => {
      throw new WorkbenchError(
        'unavailable',
        'There is no native dialog in serve mode; browse the server’s folders instead.'
      )
    }
  })
  const rendererDir = path.join(root, 'out', 'renderer')
  const running = await startServer({
    host: opts.host,
    port: opts.port,
    token: opts.token,
    rendererDir,
    contract
  })
  io.stdout(`CNN Workbench serving at ${running.url}\n`)

  // Ctrl+C, `kill`, a closed terminal or npm stopping the script: the server and its engine stop together.
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const s of STOP_SIGNALS) process.once(s, () => resolve(s))
  })
  io.stderr(`Stopping (${signal})…\n`)
  await running.close()
  await contract.close()
  stopGuarding()
  return 0
}
