/** The project file: its schema, older versions and their migration (pure: zod only). */
export * from './projectSchema'
export { ProjectFileV1, migrateV1 } from './projectV1'
export { readProjectText, type ProjectTextResult } from './readProjectText'
