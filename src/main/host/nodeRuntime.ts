import { spawnSync } from 'node:child_process'
import path from 'node:path'
import semver from 'semver'
import packageJson from '../../../package.json'

/** The Node.js versions the app supports, from package.json's `engines`. */
export const SUPPORTED_NODE = packageJson.engines.node

export type NodeSource = 'CNN_WORKBENCH_NODE' | 'npm_node_execpath' | 'PATH'

export interface NodeRuntime {
  path: string
  version: string
  source: NodeSource
}

export interface NodeSearch {
  found: NodeRuntime | null
  /** What was tried and why each one was not used, e.g. "node on PATH is 18.19.0". */
  rejected: string[]
}

/** Asks a binary for its Node.js version; null when it does not run or does not answer like node. */
export type VersionProbe = (binary: string) => string | null

export function probeNodeVersion(binary: string): string | null {
  const result = spawnSync(binary, ['--version'], {
    encoding: 'utf8',
    timeout: 5000,
    // A binary that is really Electron must not open a window when asked.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
  })
  const version = /^v(\d+\.\d+\.\d+)\s*$/.exec(result.stdout ?? '')?.[1]
  return result.status === 0 && version !== undefined ? version : null
}

/** Every `node` on PATH, in order; `exists` is injected so tests need no real files. */
function nodesOnPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (p: string) => boolean
): string[] {
  const names = platform === 'win32' ? ['node.exe'] : ['node']
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean)
  return dirs.flatMap((dir) => names.map((n) => path.join(dir, n))).filter(exists)
}

/**
 * A Node.js runtime to run the engine on: the one named by CNN_WORKBENCH_NODE, the one npm runs on
 * (npm_node_execpath, set when the app is started through npm), or the first `node` on PATH, whichever
 * comes first and satisfies `engines`.
 */
export function findNodeRuntime(
  env: NodeJS.ProcessEnv,
  probe: VersionProbe,
  exists: (p: string) => boolean,
  platform: NodeJS.Platform = process.platform
): NodeSearch {
  const candidates: { path: string; source: NodeSource }[] = []
  if (env.CNN_WORKBENCH_NODE) candidates.push({ path: env.CNN_WORKBENCH_NODE, source: 'CNN_WORKBENCH_NODE' })
  if (env.npm_node_execpath) candidates.push({ path: env.npm_node_execpath, source: 'npm_node_execpath' })
  const onPath = nodesOnPath(env, platform, exists)[0]
  if (onPath !== undefined) candidates.push({ path: onPath, source: 'PATH' })
  const rejected: string[] = []
  for (const candidate of candidates) {
    const version = probe(candidate.path)
    const named =
      candidate.source === 'PATH'
        ? `node on PATH (${candidate.path})`
        : `${candidate.source} (${candidate.path})`
    if (version === null) rejected.push(`${named} does not run as Node.js`)
    else if (!semver.satisfies(version, SUPPORTED_NODE))
      rejected.push(`${named} is Node.js ${version}, not ${SUPPORTED_NODE}`)
    else return { found: { ...candidate, version }, rejected }
  }
  if (candidates.length === 0)
    rejected.push('no CNN_WORKBENCH_NODE, no npm_node_execpath and no node on PATH')
  return { found: null, rejected }
}
