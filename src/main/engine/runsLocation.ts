import path from 'node:path'
import { WorkbenchError } from '../../shared/workbenchError'

/**
 * Where runs live: the default runs folder, or `runs/` of the open project. Routes ask it each time, so
 * opening a project moves new runs (and the run list) without restarting anything.
 *
 * It also remembers the runs trained while no project was open (the unsaved session's runs, which its
 * first save carries into the project) and runs that belong to a project but still train in the
 * default folder, so every route finds them where they are until they are moved.
 */
export class RunsLocation {
  private current: string
  private readonly sessionRuns = new Set<string>()
  /** run id → the folder it trains in now, for runs whose home is another runs folder. */
  private readonly away = new Map<string, { dir: string; home: string }>()
  /** Runs whose start (or continue) has been asked for and not yet answered. */
  private readonly starting = new Set<string>()

  constructor(private readonly defaultDir: string) {
    this.current = defaultDir
  }

  get dir(): string {
    return this.current
  }

  set(dir: string): void {
    this.current = dir
  }

  /** A run was started or continued here; without a project it belongs to the unsaved session. */
  noteTrained(runId: string): void {
    if (this.current === this.defaultDir) this.sessionRuns.add(runId)
  }

  /** Keeps `runId` marked as starting until `start` settles, so it is not moved from under the trainer. */
  whileStarting<T>(runId: string, start: Promise<T>): Promise<T> {
    this.starting.add(runId)
    return start.finally(() => this.starting.delete(runId))
  }

  isStarting(runId: string): boolean {
    return this.starting.has(runId)
  }

  /** The unsaved session's runs, in the default folder, given up by the session (it is being saved). */
  takeSessionRuns(): { runId: string; dir: string }[] {
    const taken = [...this.sessionRuns].map((runId) => ({ runId, dir: path.join(this.defaultDir, runId) }))
    this.sessionRuns.clear()
    return taken
  }

  /** Another project was opened: the unsaved session's runs stay in the default folder. */
  forgetSessionRuns(): void {
    this.sessionRuns.clear()
  }

  /** Run `runId` belongs in runs folder `home` but trains in `dir` until it ends. */
  markAway(runId: string, dir: string, home: string): void {
    this.away.set(runId, { dir, home })
  }

  /** Where an away run trains now and where it belongs, if `runId` is one. */
  awayRun(runId: string): { dir: string; home: string } | undefined {
    return this.away.get(runId)
  }

  arrived(runId: string): void {
    this.away.delete(runId)
  }

  /** Folders of runs that belong to the current runs folder but are still elsewhere. */
  awayDirs(): string[] {
    return [...this.away.values()].filter((a) => a.home === this.current).map((a) => a.dir)
  }

  /** A run's folder; the id must be a plain folder name, so no request can reach outside. */
  runDir(runId: string): string {
    if (!/^[\w.-]+$/.test(runId) || runId === '.' || runId === '..') {
      throw new WorkbenchError('bad-input', `"${runId}" is not a run id.`)
    }
    return this.away.get(runId)?.dir ?? path.join(this.current, runId)
  }
}
