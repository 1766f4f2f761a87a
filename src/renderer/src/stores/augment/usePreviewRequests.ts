export interface CoalescedRequestOptions<I, O> {
  /** Two inputs with the same key would give the same answer. */
  key(input: I): string
  send(input: I): Promise<O>
  onResult(output: O, input: I, roundTripMs: number): void
  onError(err: unknown, input: I): void
}

export interface CoalescedRequests<I> {
  /** Asks for `input`; sent now if nothing is in flight, else remembered (replacing older waiting ones). */
  request(input: I, options?: { force?: boolean }): void
  /** Drops the waiting input and forgets the last answer, e.g. when the dataset changes. */
  reset(): void
  busy(): boolean
  /** Resolves once nothing is in flight and nothing waits. */
  settled(): Promise<void>
}

/**
 * Keeps a live preview up with a slider: at most one request is in flight; while it runs, only the newest
 * input is kept, and it is sent when the answer comes back, unless the answer already matched it. A slow
 * server thus shows every state it can manage instead of queueing up stale ones.
 */
export function usePreviewRequests<I, O>(options: CoalescedRequestOptions<I, O>): CoalescedRequests<I> {
  let running = false
  /** The key of the running request whose answer will be shown (null after a reset). */
  let inFlight: string | null = null
  let waiting: { input: I; key: string } | null = null
  let answered: string | null = null
  let generation = 0
  let idle: Array<() => void> = []

  function finishIfIdle(): void {
    if (running || waiting !== null) return
    const resolvers = idle
    idle = []
    resolvers.forEach((r) => r())
  }

  function send(input: I, key: string): void {
    running = true
    inFlight = key
    const gen = generation
    const started = performance.now()
    options
      .send(input)
      .then(
        (output) => {
          if (gen === generation) {
            answered = key
            options.onResult(output, input, performance.now() - started)
          }
        },
        (err: unknown) => {
          if (gen === generation) {
            answered = null
            options.onError(err, input)
          }
        }
      )
      .finally(() => {
        running = false
        inFlight = null
        const next = waiting
        waiting = null
        if (next && next.key !== answered) send(next.input, next.key)
        finishIfIdle()
      })
  }

  return {
    request(input, { force = false } = {}) {
      const key = options.key(input)
      if (running) {
        waiting = key === inFlight && !force ? null : { input, key }
        return
      }
      if (!force && key === answered) return
      send(input, key)
    },
    reset() {
      generation++
      waiting = null
      answered = null
      inFlight = null
    },
    busy: () => running,
    settled() {
      if (!running && waiting === null) return Promise.resolve()
      return new Promise((resolve) => idle.push(resolve))
    }
  }
}
