/** Decides when to send a progress event (at most one per interval) and measures throughput for the ETA. */
export class ProgressClock {
  private lastSent = -Infinity
  private windowStart = performance.now()
  private windowImages = 0
  private rate = 0

  constructor(private readonly intervalMs = 100) {}

  /** Counts a finished batch; true when a progress event is due. */
  tick(images: number): boolean {
    const now = performance.now()
    this.windowImages += images
    const elapsed = now - this.windowStart
    // A sliding estimate over the last second or so: steady, but follows a change of speed.
    if (elapsed >= 1000 || this.rate === 0) {
      if (elapsed > 0) this.rate = (this.windowImages * 1000) / elapsed
      if (elapsed >= 1000) {
        this.windowStart = now
        this.windowImages = 0
      }
    }
    if (now - this.lastSent < this.intervalMs) return false
    this.lastSent = now
    return true
  }

  /** Forgets time spent paused or validating, so it does not count as slow training. */
  restartWindow(): void {
    this.windowStart = performance.now()
    this.windowImages = 0
  }

  get imagesPerSecond(): number {
    return this.rate
  }

  etaSeconds(imagesLeft: number): number | null {
    return this.rate > 0 ? imagesLeft / this.rate : null
  }
}
