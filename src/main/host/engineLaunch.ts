import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { EngineLaunch } from './engineHost'

export interface EngineEnv {
  dataRoot: string
  cacheDir?: string
  runsDir?: string
}

function engineEnv(env: EngineEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...extra,
    CNN_WORKBENCH_DATA_ROOT: env.dataRoot,
    ...(env.cacheDir ? { CNN_WORKBENCH_CACHE_DIR: env.cacheDir } : {}),
    ...(env.runsDir ? { CNN_WORKBENCH_RUNS_DIR: env.runsDir } : {})
  }
}

/** Serve mode and the CLI run from source through tsx; the engine child does the same. */
export function sourceEngineLaunch(env: EngineEnv): EngineLaunch {
  return {
    entry: fileURLToPath(new URL('../engine/engineMain.ts', import.meta.url)),
    // An absolute loader URL, so the engine starts whatever the current folder is.
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: engineEnv(env)
  }
}

/** The desktop app runs the bundled engine with Electron's own binary acting as plain Node. */
export function bundledEngineLaunch(env: EngineEnv, bundleDir: string, electronPath: string): EngineLaunch {
  return {
    entry: path.join(bundleDir, 'engine.js'),
    execPath: electronPath,
    env: engineEnv(env, { ELECTRON_RUN_AS_NODE: '1' })
  }
}
