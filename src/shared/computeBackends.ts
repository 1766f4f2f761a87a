/**
 * The compute backends the engine can train on, fastest first: the order it tries them in, the names
 * `--backend`, `CNN_WORKBENCH_BACKEND`, the contract and the Train room accept. Declared here once.
 */
export const BACKEND_NAMES = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const

export type BackendName = (typeof BACKEND_NAMES)[number]

export function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name)
}
