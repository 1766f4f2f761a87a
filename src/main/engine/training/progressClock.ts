const WINDOW_MS = 1000

/**
 * Decides when to send a progress event (at most one per interval) and measures throughput for the ETA.
 * The rate covers the last second or two of training time: the batches of the current window and of the
 * one before it. Windows carry over from epoch to epoch, so epochs shorter than a second still move the
 * figure (it used to stay at the first batch's estimate); time between restartWindow() and the next batch
 * (a pause, a validation pass) is not training time and is left out.
 */
export class ProgressClock {
  private lastSent = -Infinity
  private lastTick = performance.now()
  private current = { images: 0, ms: 0 }
  private previous = { images: 0, ms: 0 }

  constructor(private readonly intervalMs = 100) {}

  /** Counts a finished batch; true when a progress event is due. */
  tick(images: number): boolean {
    const now = performance.now()
    this.current.images += images
    this.current.ms += now - this.lastTick
    this.lastTick = now
    if (this.current.ms >= WINDOW_MS) {
      this.previous = this.current
      this.current = { images: 0, ms: 0 }
    }
    if (now - this.lastSent < this.intervalMs) return false
    this.lastSent = now
    return true
  }

  /** Forgets the time since the last batch (paused, validating), so it does not count as slow training. */
  restartWindow(): void {
    this.lastTick = performance.now()
  }

  get imagesPerSecond(): number {
    const ms = this.previous.ms + this.current.ms
    return ms > 0 ? ((this.previous.images + this.current.images) * 1000) / ms : 0
  }

  etaSeconds(imagesLeft: number): number | null {
    const rate = this.imagesPerSecond
    return rate > 0 ? imagesLeft / rate : null
  }
}
