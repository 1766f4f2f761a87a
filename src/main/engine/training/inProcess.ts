/** In-process training (loads tfjs in the calling thread): for the CLI, benchmarks and tests. */
export {
  startTraining,
  resumeTraining,
  type StartTrainingOptions,
  type TrainingHooks,
  type TrainingRun
} from './trainingRun'
export { resumeRun, openRunDataset } from './resumeRun'
export { Trainer, type TrainerOptions, type TrainerOutcome, type TrainerStart } from './trainer'
export { latestCheckpoint, loadCheckpoint, saveCheckpoint, serializeModel } from './checkpoint'
export { trainingBackend, isBackendName, BACKEND_NAMES } from './trainingBackend'
export { limitTrainSplit, epochOrder, type TrainingData } from './trainingData'
