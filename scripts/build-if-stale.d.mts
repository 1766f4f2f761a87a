export function buildIsStale(dir?: string): boolean
export function buildIfStale(dir?: string): Promise<number>
