export function buildIsStale(dir?: string, options?: { renderer?: boolean }): boolean
export function buildIfStale(dir?: string, options?: { renderer?: boolean }): Promise<number>
