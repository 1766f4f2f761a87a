import path from 'node:path'
import { WorkbenchError } from '../../shared/workbenchError'

/**
 * Where runs live: the default runs folder, or `runs/` of the open project. Routes ask it each time, so
 * opening a project moves new runs (and the run list) without restarting anything.
 */
export class RunsLocation {
  constructor(private current: string) {}

  get dir(): string {
    return this.current
  }

  set(dir: string): void {
    this.current = dir
  }

  /** A run's folder; the id must be a plain folder name, so no request can reach outside. */
  runDir(runId: string): string {
    if (!/^[\w.-]+$/.test(runId) || runId === '.' || runId === '..') {
      throw new WorkbenchError('bad-input', `"${runId}" is not a run id.`)
    }
    return path.join(this.current, runId)
  }
}
