/**
 * Pause, resume and stop requests for a loop that checks them between two batches. Requests only set flags,
 * so they are safe to make from a progress callback, a timer or a message handler.
 */
export class RunControl {
  private stopRequested = false
  private pauseRequested = false
  private wake: (() => void) | null = null

  get stopping(): boolean {
    return this.stopRequested
  }

  get pausing(): boolean {
    return this.pauseRequested && !this.stopRequested
  }

  pause(): void {
    if (!this.stopRequested) this.pauseRequested = true
  }

  resume(): void {
    this.pauseRequested = false
    this.wake?.()
  }

  stop(): void {
    this.stopRequested = true
    this.pauseRequested = false
    this.wake?.()
  }

  /** Resolves once resume() or stop() is called (at once when no pause is pending). */
  async whilePaused(): Promise<void> {
    while (this.pausing) {
      await new Promise<void>((resolve) => (this.wake = resolve))
      this.wake = null
    }
  }
}
