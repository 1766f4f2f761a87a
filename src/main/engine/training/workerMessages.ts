import type { RunJson, TrainingProgress } from '../../../shared/training'
import type { BackendName, BackendSummary } from '../backend/selectBackend'
import type { TrainingData } from './trainingData'
import type { StartRunRequest } from './trainingRun'

export type { StartRunRequest } from './trainingRun'

export interface ResumeRunRequest {
  runDir: string
  data: TrainingData
  backend?: BackendName
}

export interface StartedRun {
  runId: string
  runDir: string
}

/** What the training thread answers, over the RPC helper (src/shared/rpc). */
export type WorkerRoutes = {
  /** Resolves once training has begun (backend chosen, run.json written). */
  start: { input: StartRunRequest; output: StartedRun }
  resume: { input: ResumeRunRequest; output: StartedRun }
  control: { input: { runId: string; action: 'pause' | 'resume' | 'stop' }; output: { known: boolean } }
  backend: { input: Record<string, never>; output: BackendSummary }
}

/** What the training thread pushes: the run's progress, and its record each time run.json is rewritten. */
export type WorkerEvents = {
  progress: TrainingProgress
  run: RunJson
}
