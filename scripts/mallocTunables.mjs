// glibc's malloc settings for a process that trains (Linux; other C libraries ignore these variables).
//
// onnxruntime-node's binding answers every run with a fresh copy of each output, even one written into a
// buffer the caller provided (the lecture network's dense weight gradient: 12.8 MB per step), and the
// engine drops those copies at once. With glibc's defaults such blocks go back to the system when they are
// freed and come back page by page on the next step: at batch 32, about 3,500 page faults and 8 ms of
// system time in every training step. With large blocks kept in the heap, neither is left.

/** Blocks up to 32 MiB (glibc's largest mmap threshold) come from the heap; up to 256 MiB of it stays. */
export const MALLOC_TUNABLES = Object.freeze({
  MALLOC_MMAP_THRESHOLD_: String(32 * 2 ** 20),
  MALLOC_TRIM_THRESHOLD_: String(256 * 2 ** 20)
})

/** `env` with the tunables added on Linux; values the user set themselves are kept. */
export function withMallocTunables(env, platform = process.platform) {
  return platform === 'linux' ? { ...MALLOC_TUNABLES, ...env } : env
}

/** `env` without the tunables: for a process that should run as its own setup has it. */
export function withoutMallocTunables(env) {
  const rest = { ...env }
  for (const name of Object.keys(MALLOC_TUNABLES)) delete rest[name]
  return rest
}

/** Whether this process should start again to have them: Linux, and none of them set yet. */
export function mallocTunablesMissing(env = process.env, platform = process.platform) {
  return platform === 'linux' && Object.keys(MALLOC_TUNABLES).every((name) => env[name] === undefined)
}
