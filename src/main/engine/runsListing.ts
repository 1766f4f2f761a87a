import type { RunJson } from '../../shared/training'
import type { RunsLocation } from './runsLocation'
import { listRuns, readRunJson } from './training'

/**
 * The runs of the current runs folder, newest first, with those that belong to it but still train
 * elsewhere (an unsaved session's run carried into a project when it ends).
 */
export async function listRunsOf(runs: RunsLocation, isLive?: (run: RunJson) => boolean): Promise<RunJson[]> {
  const listed = (await listRuns(runs.dir, isLive)).map((r) => r.run)
  const ids = new Set(listed.map((r) => r.id))
  for (const dir of runs.awayDirs()) {
    const run = await readRunJson(dir).catch(() => null)
    if (run && !ids.has(run.id)) listed.push(run)
  }
  return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}
