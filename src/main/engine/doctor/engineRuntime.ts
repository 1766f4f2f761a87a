/** What runs the engine process, for the backend line and `doctor`. */
export interface EngineRuntime {
  kind: 'node' | 'electron-as-node'
  /** e.g. "Node.js 20.20.2" or "Electron 38.8.6 as Node (Node.js 22.19.0)". */
  label: string
  node: string
  electron: string | null
  execPath: string
  why: string
}

export function engineRuntime(
  versions: NodeJS.ProcessVersions = process.versions,
  env: NodeJS.ProcessEnv = process.env,
  execPath: string = process.execPath
): EngineRuntime {
  const electron = versions.electron ?? null
  const label =
    electron === null ? `Node.js ${versions.node}` : `Electron ${electron} as Node (Node.js ${versions.node})`
  return {
    kind: electron === null ? 'node' : 'electron-as-node',
    label,
    node: versions.node,
    electron,
    execPath,
    why: env.CNN_WORKBENCH_ENGINE_RUNTIME_WHY || 'started directly, not by the app'
  }
}
