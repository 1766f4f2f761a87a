import { readdirSync, readFileSync } from 'node:fs'

/** The parent of every process, from /proc (Linux): the tests check that no child is left behind. */
function parents(): Map<number, number> {
  const map = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // The process ended while we looked.
    }
  }
  return map
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const all = parents()
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of all) if (parent === tree[i]) tree.push(child)
  }
  return tree
}

export function isAlive(pid: number): boolean {
  try {
    // A zombie has exited; it only waits for its parent to collect its status.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/** Resolves once none of `pids` runs any more (the test's own timeout bounds the wait). */
export async function untilGone(pids: number[]): Promise<void> {
  while (pids.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 100))
}
