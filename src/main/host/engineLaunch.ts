import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { withMallocTunables } from '../../../scripts/mallocTunables.mjs'
import type { EngineLaunch } from './engineHost'
import { findNodeRuntime, probeNodeVersion, type NodeSearch } from './nodeRuntime'

export interface EngineEnv {
  dataRoot: string
  cacheDir?: string
  runsDir?: string
}

/** Tells the engine why it runs on the runtime it runs on, for its backend line and `doctor`. */
export const RUNTIME_WHY_VARIABLE = 'CNN_WORKBENCH_ENGINE_RUNTIME_WHY'

/** The engine trains, so it gets glibc's malloc settings for training (scripts/mallocTunables.mjs says why). */
function engineEnv(env: EngineEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { ELECTRON_RUN_AS_NODE: _inherited, ...rest } = process.env
  return {
    ...withMallocTunables(rest),
    ...extra,
    CNN_WORKBENCH_DATA_ROOT: env.dataRoot,
    ...(env.cacheDir ? { CNN_WORKBENCH_CACHE_DIR: env.cacheDir } : {}),
    ...(env.runsDir ? { CNN_WORKBENCH_RUNS_DIR: env.runsDir } : {})
  }
}

/** Serve mode and the CLI from source (development): the engine child runs the .ts entry through tsx. */
export function sourceEngineLaunch(env: EngineEnv): EngineLaunch {
  return {
    entry: fileURLToPath(new URL('../engine/engineMain.ts', import.meta.url)),
    // An absolute loader URL, so the engine starts whatever the current folder is.
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: engineEnv(env, {
      [RUNTIME_WHY_VARIABLE]: 'serve mode and the command line run the engine on their own Node.js'
    })
  }
}

/** Serve mode and the CLI built into out/: the built engine on the Node.js that runs them. */
export function builtEngineLaunch(env: EngineEnv, bundleDir: string): EngineLaunch {
  return {
    entry: path.join(bundleDir, 'engine.js'),
    execPath: process.execPath,
    env: engineEnv(env, {
      [RUNTIME_WHY_VARIABLE]: 'serve mode and the command line run the engine on their own Node.js'
    })
  }
}

/** The engine of serve mode and the CLI: the built one when they run from out/, else the sources. */
export function cliEngineLaunch(env: EngineEnv, builtDir: string | null): EngineLaunch {
  return builtDir === null ? sourceEngineLaunch(env) : builtEngineLaunch(env, builtDir)
}

export interface DesktopLaunchFacts {
  platform: NodeJS.Platform
  electronVersion: string
  node: NodeSearch
  /** Whether a path exists (the engine's unpacked copy next to an app.asar). */
  exists: (p: string) => boolean
}

/** Plain Node cannot read inside app.asar: the packager must leave the engine in app.asar.unpacked. */
function entryForNode(bundleDir: string, exists: (p: string) => boolean): string | null {
  const asar = `${path.sep}app.asar${path.sep}`
  const entry = path.join(bundleDir, 'engine.js')
  if (!entry.includes(asar)) return entry
  const unpacked = entry.replace(asar, `${path.sep}app.asar.unpacked${path.sep}`)
  return exists(unpacked) ? unpacked : null
}

/**
 * How the desktop app starts its engine. On Linux the Electron binary links the system GLib, which native
 * sharp's own copy clashes with, so the engine runs on a real Node.js when one is found; where none is,
 * it runs on Electron as Node and decodes with sharp's WebAssembly build (the engine checks for itself).
 * Elsewhere Electron as Node is safe and always there.
 */
export function desktopEngineLaunch(
  env: EngineEnv,
  bundleDir: string,
  electronPath: string,
  facts: DesktopLaunchFacts = defaultFacts()
): EngineLaunch {
  const electron = (why: string): EngineLaunch => ({
    entry: path.join(bundleDir, 'engine.js'),
    execPath: electronPath,
    env: engineEnv(env, { ELECTRON_RUN_AS_NODE: '1', [RUNTIME_WHY_VARIABLE]: why })
  })
  if (facts.platform !== 'linux') {
    return electron(
      `Electron ${facts.electronVersion} as Node: the GLib clash that needs Node.js exists only on Linux`
    )
  }
  const node = facts.node.found
  if (node === null) {
    return electron(
      `Electron ${facts.electronVersion} as Node, because no Node.js was found (${facts.node.rejected.join('; ')}); set CNN_WORKBENCH_NODE to a Node.js binary to use one`
    )
  }
  const entry = entryForNode(bundleDir, facts.exists)
  if (entry === null) {
    return electron(
      `Electron ${facts.electronVersion} as Node, because the engine is packed in app.asar, which Node.js cannot read`
    )
  }
  return {
    entry,
    execPath: node.path,
    env: engineEnv(env, {
      [RUNTIME_WHY_VARIABLE]: `Node.js ${node.version} from ${node.source} (${node.path}): on Linux the engine runs on Node.js, so native sharp never shares a process with the GLib of the Electron binary`
    })
  }
}

function defaultFacts(): DesktopLaunchFacts {
  return {
    platform: process.platform,
    electronVersion: process.versions.electron ?? 'unknown',
    node: findNodeRuntime(process.env, probeNodeVersion, existsSync),
    exists: existsSync
  }
}
