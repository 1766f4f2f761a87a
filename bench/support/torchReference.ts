import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { withoutMallocTunables } from '../../scripts/mallocTunables.mjs'

/**
 * The PyTorch reference (../shared/anchors/run.sh, CPU, 2 threads) for some of its parts, run as a
 * child of a tiny Python wrapper that reports the largest resident set of its children (run.sh execs
 * the Python that trains, so that is PyTorch's peak RSS).
 */

export interface TorchResult {
  tput?: { bs: number; imgs_per_s: number }[]
  infer?: { best_imgs_per_s: number }
  tta?: {
    hits: Record<string, { train_s: number; wall_s_incl_eval: number; images_seen: number } | null>
  }
  /** Peak resident set of the reference process, in bytes. */
  peakRss: number
}

/**
 * ../shared/anchors seen from the project root; from a worktree (…/wt/NAME) it is further up, so the
 * nearest ancestor holding shared/anchors/run.sh is taken.
 */
function findAnchors(): string {
  let dir = path.resolve(import.meta.dirname, '../..')
  for (;;) {
    const parent = path.dirname(dir)
    const candidate = path.join(parent, 'shared', 'anchors')
    if (existsSync(path.join(candidate, 'run.sh'))) return candidate
    if (parent === dir) return path.resolve(import.meta.dirname, '../../../shared/anchors')
    dir = parent
  }
}

export const ANCHOR_DIR = findAnchors()

const WRAPPER = [
  'import resource, subprocess, sys',
  'r = subprocess.run(sys.argv[1:])',
  'print("CHILD_MAXRSS_KB", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)',
  'sys.exit(r.returncode)'
].join('\n')

/** Runs the reference for `parts` (tput, tta, infer); its own output goes to this process's stdout. */
export function runTorchReference(parts: string[], extra: string[] = []): TorchResult {
  const script = path.join(ANCHOR_DIR, 'run.sh')
  const ref = spawnSync('/usr/bin/python3', ['-c', WRAPPER, script, '--parts', parts.join(','), ...extra], {
    // The reference runs as run.sh sets it up, without the malloc settings this process trains with.
    env: withoutMallocTunables(process.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024
  })
  const lines = ref.stdout.split('\n')
  process.stdout.write(lines.filter((l) => !l.startsWith('CHILD_MAXRSS_KB')).join('\n'))
  const result = lines.find((l) => l.startsWith('RESULT_JSON '))
  if (!result) throw new Error(`the PyTorch reference printed no result (exit ${ref.status})`)
  const rssKb = Number(lines.find((l) => l.startsWith('CHILD_MAXRSS_KB'))?.split(' ')[1] ?? NaN)
  return { ...(JSON.parse(result.slice('RESULT_JSON '.length)) as object), peakRss: rssKb * 1024 }
}
