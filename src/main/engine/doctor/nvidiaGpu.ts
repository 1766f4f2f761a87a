import { spawnSync, type SpawnSyncReturns } from 'node:child_process'

export interface GpuInfo {
  nvidiaSmi: 'found' | 'no-gpu' | 'not-installed' | 'failed'
  gpus: { name: string; driver: string; memory: string }[]
  detail: string
}

export type RunNvidiaSmi = () => Pick<SpawnSyncReturns<string>, 'status' | 'stdout' | 'stderr' | 'error'>

function runNvidiaSmi(): ReturnType<RunNvidiaSmi> {
  return spawnSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'], {
    encoding: 'utf8',
    timeout: 10_000
  })
}

/** Whether the NVIDIA driver's own tool sees a GPU: the first thing to check when tfjs-node-gpu does not load. */
export function nvidiaGpus(run: RunNvidiaSmi = runNvidiaSmi): GpuInfo {
  const result = run()
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return {
      nvidiaSmi: 'not-installed',
      gpus: [],
      detail: 'nvidia-smi is not installed, so there is no NVIDIA driver: tfjs-node-gpu cannot use a GPU here'
    }
  }
  const firstError = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n')[0] ?? ''
  if (result.error || result.status !== 0) {
    const why = result.error?.message ?? (firstError || `exit code ${result.status}`)
    return { nvidiaSmi: 'failed', gpus: [], detail: `nvidia-smi failed: ${why}` }
  }
  const gpus = (result.stdout ?? '')
    .split('\n')
    .map((line) => line.split(',').map((part) => part.trim()))
    .filter((parts) => parts.length >= 3 && parts[0] !== '')
    .map(([name, driver, memory]) => ({ name: name ?? '', driver: driver ?? '', memory: memory ?? '' }))
  if (gpus.length === 0) return { nvidiaSmi: 'no-gpu', gpus, detail: 'nvidia-smi runs but lists no GPU' }
  const list = gpus.map((g) => `${g.name} (driver ${g.driver}, ${g.memory})`).join(', ')
  return { nvidiaSmi: 'found', gpus, detail: `nvidia-smi sees ${list}` }
}
