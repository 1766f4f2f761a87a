/** Evaluation of a trained network on a split, and the run folder's evaluation.json. */
export { evaluateModel, defaultEvaluationSplit, type EvaluateOptions } from './evaluateModel'
export { writeEvaluation, readEvaluation } from '../training/runFolder'
