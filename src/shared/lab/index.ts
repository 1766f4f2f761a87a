/** The Lab's matrices, window arithmetic, kernels and request/answer schemas (pure: zod only). */
export * from './labMatrix'
export * from './windowPlan'
export * from './filterPresets'
export * from './lectureCases'
export * from './labSchemas'
export * from './labImageSchemas'
export * from './divergingColours'
