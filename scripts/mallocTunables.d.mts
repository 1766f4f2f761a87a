export const MALLOC_TUNABLES: Readonly<Record<'MALLOC_MMAP_THRESHOLD_' | 'MALLOC_TRIM_THRESHOLD_', string>>
export function withMallocTunables(env: NodeJS.ProcessEnv, platform?: NodeJS.Platform): NodeJS.ProcessEnv
export function mallocTunablesMissing(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): boolean
export function withoutMallocTunables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
