/**
 * Training. The engine's routes use TrainingHost (training runs in a worker thread that owns tfjs) and the
 * tfjs-free run-folder readers; the CLI and benchmarks may call startTraining/resumeTraining in-process.
 */
export {
  TrainingHost,
  type TrainingHostOptions,
  type StartRunRequest,
  type ResumeRunRequest
} from './trainingHost'
export {
  listRuns,
  readRunJson,
  readMetrics,
  readEvaluation,
  RUN_FILE,
  METRICS_FILE,
  EVALUATION_FILE,
  type RunListing
} from './runFolder'
export type { TrainingData } from './trainingData'
