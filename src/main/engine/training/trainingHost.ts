import type { Worker } from 'node:worker_threads'
import type { RunJson, TrainingProgress } from '../../../shared/training'
import type { BackendSummary } from '../backend/selectBackend'
import { readRunJson, writeRunJson } from './runFolder'
import { shareable, startWorker, type TrainingHostOptions } from './trainingWorkerStart'
import type { HostToWorker, ResumeRunRequest, StartRunRequest, WorkerToHost } from './workerMessages'

export type { StartRunRequest, ResumeRunRequest } from './workerMessages'
export type { TrainingHostOptions } from './trainingWorkerStart'

type Settle<T> = { resolve: (r: T) => void; reject: (e: Error) => void }

/** Backends that load a native addon into the training thread. */
const isNative = (name: string | undefined): boolean => name === 'tfjs-node' || name === 'tfjs-node-gpu'
type Pending = Settle<{ runId: string; runDir: string }>

/**
 * The engine's side of training: it starts the training worker on first use and talks to it with typed
 * messages. One run trains at a time. Every listener registration returns its unsubscribe function.
 */
export class TrainingHost {
  private worker: Worker | null = null
  private nextRequest = 1
  private readonly pending = new Map<number, Pending>()
  private readonly backendRequests = new Map<number, Settle<BackendSummary>>()
  private backendSummary: Promise<BackendSummary> | null = null
  private readonly active = new Map<
    string,
    { runDir: string; done: Promise<RunJson>; settle: (run: RunJson) => void }
  >()
  private readonly progressListeners = new Set<(p: TrainingProgress) => void>()
  private readonly finishedListeners = new Set<(run: RunJson) => void>()
  /** Whether the current thread has loaded tfjs-node: it cannot be loaded again by another thread. */
  private nativeLoaded = false

  constructor(private readonly options: TrainingHostOptions = {}) {}

  /** Starts a new run in the worker; resolves when training has begun (backend chosen, run.json written). */
  start(request: StartRunRequest): Promise<{ runId: string; runDir: string }> {
    return this.request((requestId) => ({
      type: 'start',
      requestId,
      request: { ...request, data: shareable(request.data) }
    }))
  }

  /** Continues a run folder from its last checkpoint; `data` is the same dataset, opened again. */
  resumeRun(request: ResumeRunRequest): Promise<{ runId: string; runDir: string }> {
    return this.request((requestId) => ({
      type: 'resume-run',
      requestId,
      request: { ...request, data: shareable(request.data) }
    }))
  }

  /**
   * The backend new runs train on, as the training thread chose it (asked once; the thread starts if it
   * is not running yet). Works while a run trains: the thread answers between two batches.
   */
  backend(): Promise<BackendSummary> {
    if (!this.backendSummary) {
      const requestId = this.nextRequest++
      const asked = new Promise<BackendSummary>((resolve, reject) => {
        this.backendRequests.set(requestId, { resolve, reject })
        this.ensureWorker().postMessage({ type: 'backend', requestId } satisfies HostToWorker)
      })
      asked.catch(() => {
        if (this.backendSummary === asked) this.backendSummary = null
      })
      this.backendSummary = asked
    }
    return this.backendSummary
  }

  pause(runId: string): void {
    this.control(runId, 'pause')
  }

  resume(runId: string): void {
    this.control(runId, 'resume')
  }

  stop(runId: string): void {
    this.control(runId, 'stop')
  }

  /** The final run.json of a run started by this host. */
  finished(runId: string): Promise<RunJson> {
    const run = this.active.get(runId)
    if (!run) return Promise.reject(new Error(`No run ${runId} is training here.`))
    return run.done
  }

  activeRuns(): { runId: string; runDir: string }[] {
    return [...this.active].map(([runId, { runDir }]) => ({ runId, runDir }))
  }

  onProgress(listener: (progress: TrainingProgress) => void): () => void {
    this.progressListeners.add(listener)
    return () => this.progressListeners.delete(listener)
  }

  onFinished(listener: (run: RunJson) => void): () => void {
    this.finishedListeners.add(listener)
    return () => this.finishedListeners.delete(listener)
  }

  /** Stops the worker thread (a run still training there ends as 'interrupted' on its next read). */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
  }

  private request(make: (requestId: number) => HostToWorker): Promise<{ runId: string; runDir: string }> {
    if (this.active.size > 0)
      return Promise.reject(new Error('A run is already training; stop it or wait for it to end.'))
    const requestId = this.nextRequest++
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject })
      this.ensureWorker().postMessage(make(requestId))
    })
  }

  private control(runId: string, action: 'pause' | 'resume' | 'stop'): void {
    if (!this.active.has(runId)) throw new Error(`No run ${runId} is training here.`)
    this.worker?.postMessage({ type: 'control', runId, action } satisfies HostToWorker)
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = startWorker(this.options)
    worker.on('message', (message: WorkerToHost) => this.receive(message))
    worker.on('error', (error) => void this.workerDied(`The training thread failed: ${error.message}`))
    worker.on('exit', (code) => {
      if (this.worker === worker)
        void this.workerDied(`The training thread ended unexpectedly (exit code ${code}).`)
    })
    this.worker = worker
    return worker
  }

  private receive(message: WorkerToHost): void {
    switch (message.type) {
      case 'ready':
        return
      case 'started': {
        let settle: (run: RunJson) => void = () => {}
        const done = new Promise<RunJson>((resolve) => (settle = resolve))
        this.active.set(message.runId, { runDir: message.runDir, done, settle })
        this.pending.get(message.requestId)?.resolve({ runId: message.runId, runDir: message.runDir })
        this.pending.delete(message.requestId)
        return
      }
      case 'start-failed':
        this.pending.get(message.requestId)?.reject(new Error(message.message))
        this.pending.delete(message.requestId)
        return
      case 'progress':
        this.progressListeners.forEach((listener) => listener(message.progress))
        return
      case 'finished':
        if (isNative(message.run.backend?.name)) this.nativeLoaded = true
        this.active.get(message.runId)?.settle(message.run)
        this.active.delete(message.runId)
        this.finishedListeners.forEach((listener) => listener(message.run))
        return
      case 'backend':
        if (isNative(message.summary.name)) this.nativeLoaded = true
        this.backendRequests.get(message.requestId)?.resolve(message.summary)
        this.backendRequests.delete(message.requestId)
        return
      case 'backend-failed':
        this.backendRequests.get(message.requestId)?.reject(new Error(message.message))
        this.backendRequests.delete(message.requestId)
    }
  }

  /** Records the crash in each active run's run.json, so the UI shows why it ended. */
  private async workerDied(reason: string): Promise<void> {
    this.worker = null
    this.backendSummary = null
    let nativeLoaded = this.nativeLoaded
    this.nativeLoaded = false
    for (const [requestId, pending] of [...this.pending, ...this.backendRequests]) {
      pending.reject(new Error(reason))
      this.pending.delete(requestId)
      this.backendRequests.delete(requestId)
    }
    for (const [runId, run] of this.active) {
      this.active.delete(runId)
      let final: RunJson
      try {
        final = {
          ...(await readRunJson(run.runDir, () => true)),
          status: 'failed',
          error: reason,
          updatedAt: new Date().toISOString()
        }
        await writeRunJson(run.runDir, final)
      } catch (error) {
        console.error(`Could not record the failure in ${run.runDir}:`, error)
        continue
      }
      if (isNative(final.backend?.name)) nativeLoaded = true
      run.settle(final)
      this.finishedListeners.forEach((listener) => listener(final))
    }
    if (nativeLoaded) this.options.onNativeThreadLost?.(reason)
  }
}
