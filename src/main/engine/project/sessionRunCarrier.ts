import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { RunJson } from '../../../shared/training'
import { readRunJson } from '../training/runFolder'
import type { RunsLocation } from '../runsLocation'
import { moveRunFolder } from './moveRunFolder'

/** What the carrier needs of the training host: whether a run trains now, and each change of a run's record. */
export interface TrainingRunsView {
  isTraining(runId: string): boolean
  onRun(listener: (run: RunJson) => void): () => void
}

const ENDED = new Set<RunJson['status']>(['completed', 'stopped', 'failed', 'interrupted'])

/**
 * Carries the runs of an unsaved session into the folder of its first project. A finished run is moved
 * at once. A run still training (or starting) keeps training where it is: it is listed with the
 * project's runs meanwhile and moved when it ends, because moving a folder the trainer writes into
 * would lose its checkpoints and final model.
 */
export class SessionRunCarrier {
  /** Runs being moved now: the end of a run and a save may both try to move it. */
  private readonly moving = new Set<string>()

  constructor(
    private readonly runs: RunsLocation,
    private readonly training: TrainingRunsView
  ) {
    training.onRun((run) => {
      if (ENDED.has(run.status)) void this.settle(run.id)
    })
  }

  /** Moves the session's runs into `home` (a project's runs folder); returns how many moved and how many wait. */
  async carryInto(home: string): Promise<{ moved: number; waiting: number }> {
    const taken = this.runs.takeSessionRuns()
    // Marked first, all at once: from here on every route finds each run, wherever it is.
    for (const { runId, dir } of taken) this.runs.markAway(runId, dir, home)
    await mkdir(home, { recursive: true })
    let moved = 0
    for (const { runId } of taken) if (await this.settle(runId)) moved++
    return { moved, waiting: taken.length - moved }
  }

  /** Moves an away run home if it has ended; true when it was moved. */
  private async settle(runId: string): Promise<boolean> {
    const away = this.runs.awayRun(runId)
    if (!away || this.moving.has(runId)) return false
    let run: RunJson
    try {
      run = await readRunJson(away.dir)
    } catch {
      return false // Not written yet: its start is still under way.
    }
    const training =
      this.runs.isStarting(runId) ||
      this.training.isTraining(runId) ||
      run.status === 'running' ||
      run.status === 'paused'
    if (training || this.moving.has(runId)) return false
    this.moving.add(runId)
    try {
      await moveRunFolder(away.dir, path.join(away.home, runId))
      this.runs.arrived(runId)
      return true
    } catch (err) {
      console.error(`[project] run ${runId} stays in ${away.dir}:`, err)
      return false
    } finally {
      this.moving.delete(runId)
    }
  }
}
