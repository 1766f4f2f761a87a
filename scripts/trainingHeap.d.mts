export const TRAINING_SEMI_SPACE_MB: number
export const TRAINING_NODE_FLAGS: readonly string[]
export const TRAINING_YOUNG_GENERATION_MB: number
export function trainingFlagsMissing(execArgv?: readonly string[]): readonly string[]
