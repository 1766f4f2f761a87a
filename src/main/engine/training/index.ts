/**
 * Training as the engine's routes use it: TrainingHost (training runs in a worker thread that owns tfjs)
 * and the tfjs-free run-folder readers. The CLI and benchmarks import the in-process trainer's files directly.
 */
export { TrainingHost } from './trainingHost'
export { listRuns, readRunJson, readMetrics, readEvaluation, writerProcessAlive } from './runFolder'
