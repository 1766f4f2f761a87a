// V8's young generation for a process or thread that trains.
//
// onnxruntime-node's binding answers every run with a fresh copy of each output (scripts/mallocTunables.mjs):
// about 37 MB of ArrayBuffers a batch-128 step of the lecture network, dropped at once. With V8's default
// 16 MB semi-space some of them live through two scavenges and are promoted, and the old generation's
// external memory then calls for a mark-compact in most steps (0.7–0.9 a step), whose concurrent marking
// takes a core from onnxruntime's two threads. With 32 MB semi-spaces there were none: GC took 1.5–1.9 against
// 5.7–6.1 ms a step, and the median step 68–70 against 92–94 ms in two of three alternating pairs.

/** Each of the young generation's two semi-spaces, in MiB. */
export const TRAINING_SEMI_SPACE_MB = 32

/** Node's flag for a process that trains. */
export const TRAINING_NODE_FLAGS = Object.freeze([`--max-semi-space-size=${TRAINING_SEMI_SPACE_MB}`])

/** A worker thread's `resourceLimits.maxYoungGenerationSizeMb` for the same: V8 counts three semi-spaces. */
export const TRAINING_YOUNG_GENERATION_MB = 3 * TRAINING_SEMI_SPACE_MB

/** The flags Node still needs for training: none once a semi-space size was given (the user's own is kept). */
export function trainingFlagsMissing(execArgv = process.execArgv) {
  return execArgv.some((a) => a.startsWith('--max-semi-space-size')) ? [] : TRAINING_NODE_FLAGS
}
