/** The project file: its schema, older versions and their migration (pure: zod only). */
export * from './projectSchema'
export { readProjectText } from './readProjectText'
