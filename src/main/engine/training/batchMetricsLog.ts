import type { MetricsLine } from '../../../shared/training'
import { appendMetrics } from './runFolder'

/** Lines written at once: a step then rarely waits on the disk, and a crash loses at most these. */
const LINES_PER_WRITE = 20

/** The batch lines of metrics.jsonl: one every `everySteps` steps, appended in small groups. */
export class BatchMetricsLog {
  private readonly pending: MetricsLine[] = []

  constructor(
    private readonly runDir: string,
    private readonly everySteps: number
  ) {}

  async record(epoch: number, step: number, loss: number, accuracy: number): Promise<void> {
    if (step % this.everySteps !== 0) return
    this.pending.push({ kind: 'batch', epoch, step, loss, accuracy })
    if (this.pending.length >= LINES_PER_WRITE) await this.flush()
  }

  flush(): Promise<void> {
    return appendMetrics(this.runDir, this.pending.splice(0))
  }
}
