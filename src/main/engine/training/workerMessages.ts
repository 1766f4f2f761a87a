import type { AugmentSpec } from '../../../shared/augment'
import type { DatasetOpenOptions, DatasetSource } from '../../../shared/datasetSchemas'
import type { NetworkSpec } from '../../../shared/network'
import type { RunJson, TrainingProgress, TrainingSettings } from '../../../shared/training'
import type { BackendName, BackendSummary } from '../backend/selectBackend'
import type { TrainingData } from './trainingData'

/** A new run as the engine asks for it; `data.pixels` should sit in a SharedArrayBuffer (see TrainingHost). */
export interface StartRunRequest {
  runDir: string
  data: TrainingData
  source: DatasetSource
  openOptions?: DatasetOpenOptions
  network: NetworkSpec
  augment: AugmentSpec | null
  settings: TrainingSettings
  backend?: BackendName
  runId?: string
  /** A TF.js model folder (an export, or a run's model/) whose weights replace the seeded initial ones. */
  initialWeights?: string
}

export interface ResumeRunRequest {
  runDir: string
  data: TrainingData
  backend?: BackendName
}

export type HostToWorker =
  | { type: 'start'; requestId: number; request: StartRunRequest }
  | { type: 'resume-run'; requestId: number; request: ResumeRunRequest }
  | { type: 'control'; runId: string; action: 'pause' | 'resume' | 'stop' }
  | { type: 'backend'; requestId: number }

export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'started'; requestId: number; runId: string; runDir: string }
  | { type: 'start-failed'; requestId: number; message: string }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'finished'; runId: string; run: RunJson }
  | { type: 'backend'; requestId: number; summary: BackendSummary }
  | { type: 'backend-failed'; requestId: number; message: string }
