import { WorkbenchError } from '../../shared/workbenchError'

export interface ProgressUpdate {
  phase: string
  done: number
  total: number
}

export type EmitEvent = (name: string, payload: unknown) => void

const MIN_INTERVAL_MS = 50 // at most 20 progress events a second, however fast the work goes

/**
 * Long operations by caller-chosen id: each gets an AbortSignal for `op.cancel` and a throttled
 * progress reporter with an ETA, so a fast loop never floods the UI.
 */
export class Operations {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly emit: EmitEvent) {}

  async run<T>(opId: string | undefined, work: (ctx: OpContext) => Promise<T>): Promise<T> {
    const id = opId ?? `op-${Date.now()}-${Math.random().toString(36).slice(2)}`
    if (this.running.has(id)) throw new WorkbenchError('bad-input', `Operation ${id} is already running.`)
    const controller = new AbortController()
    this.running.set(id, controller)
    const progress = new ProgressReporter(id, this.emit)
    try {
      return await work({ signal: controller.signal, onProgress: (p) => progress.update(p) })
    } finally {
      progress.flush()
      this.running.delete(id)
    }
  }

  cancel(opId: string): boolean {
    const controller = this.running.get(opId)
    controller?.abort()
    return controller !== undefined
  }
}

export interface OpContext {
  signal: AbortSignal
  onProgress: (p: ProgressUpdate) => void
}

class ProgressReporter {
  private lastSent = 0
  private pending: ProgressUpdate | null = null
  private phaseStart = Date.now()
  private phase = ''

  constructor(
    private readonly opId: string,
    private readonly emit: EmitEvent
  ) {}

  update(p: ProgressUpdate): void {
    if (p.phase !== this.phase) {
      this.phase = p.phase
      this.phaseStart = Date.now()
    }
    this.pending = p
    const now = Date.now()
    // A total of 0 means "not known yet" (a scan counting files): only the time decides then.
    if (now - this.lastSent >= MIN_INTERVAL_MS || (p.total > 0 && p.done >= p.total)) this.flush()
  }

  flush(): void {
    if (!this.pending) return
    const { phase, done, total } = this.pending
    const elapsed = (Date.now() - this.phaseStart) / 1000
    const etaSeconds =
      total === 0
        ? null
        : done > 0 && total > done
          ? (elapsed / done) * (total - done)
          : done >= total
            ? 0
            : null
    this.emit('op.progress', { opId: this.opId, phase, done, total, etaSeconds })
    this.lastSent = Date.now()
    this.pending = null
  }
}
