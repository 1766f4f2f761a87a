import type { Worker } from 'node:worker_threads'
import { createRpcEndpoint, unwrap, type RpcEndpoint } from '../../../shared/rpc'
import type { RunJson, RunStatus, TrainingProgress } from '../../../shared/training'
import type { BackendSummary } from '../backend/selectBackend'
import { shareable, startWorker, type TrainingHostOptions } from './trainingWorkerStart'
import type {
  ResumeRunRequest,
  StartedRun,
  StartRunRequest,
  WorkerEvents,
  WorkerRoutes
} from './workerMessages'

export type { StartRunRequest, ResumeRunRequest } from './workerMessages'
export type { TrainingHostOptions } from './trainingWorkerStart'

interface TrainingThread {
  worker: Worker
  channel: RpcEndpoint<WorkerRoutes>
  /** Whether this thread has loaded tfjs-node: it cannot be loaded again by another thread of the process. */
  nativeLoaded: boolean
}

const isActive = (status: RunStatus): boolean => status === 'running' || status === 'paused'

/** Backends that load a native addon into the training thread. */
const isNative = (name: string | undefined): boolean => name === 'tfjs-node' || name === 'tfjs-node-gpu'

/**
 * The engine's side of training: it starts the training thread on first use and talks to it over the RPC
 * helper. The thread trains one run at a time and reports each run's record whenever run.json changes;
 * this host passes those on and, when the thread dies, reports its runs as interrupted. It never writes
 * a run folder itself. Every listener registration returns its unsubscribe function.
 */
export class TrainingHost {
  private thread: TrainingThread | null = null
  private backendSummary: Promise<BackendSummary> | null = null
  /** The last record of each run training now, as its events said. */
  private readonly active = new Map<string, RunJson>()
  private readonly progressListeners = new Set<(p: TrainingProgress) => void>()
  private readonly runListeners = new Set<(run: RunJson) => void>()

  constructor(private readonly options: TrainingHostOptions = {}) {}

  /** Starts a new run in the thread; resolves when training has begun (backend chosen, run.json written). */
  async start(request: StartRunRequest): Promise<StartedRun> {
    const input = { ...request, data: shareable(request.data) }
    return unwrap(await this.ensureThread().channel.call('start', input))
  }

  /** Continues a run folder from its last checkpoint; `data` is the same dataset, opened again. */
  async resumeRun(request: ResumeRunRequest): Promise<StartedRun> {
    const input = { ...request, data: shareable(request.data) }
    return unwrap(await this.ensureThread().channel.call('resume', input))
  }

  /**
   * The backend new runs train on, as the training thread chose it (asked once; the thread starts if it
   * is not running yet). Works while a run trains: the thread answers between two batches.
   */
  backend(): Promise<BackendSummary> {
    if (!this.backendSummary) {
      const thread = this.ensureThread()
      const asked = thread.channel
        .call('backend', {})
        .then(unwrap)
        .then((summary) => {
          if (isNative(summary.name)) thread.nativeLoaded = true
          return summary
        })
      asked.catch(() => {
        if (this.backendSummary === asked) this.backendSummary = null
      })
      this.backendSummary = asked
    }
    return this.backendSummary
  }

  pause(runId: string): RunStatus {
    return this.control(runId, 'pause')
  }

  resume(runId: string): RunStatus {
    return this.control(runId, 'resume')
  }

  stop(runId: string): RunStatus {
    return this.control(runId, 'stop')
  }

  /** Resolves with the run's record once it has ended (its last `training.run` event). */
  finished(runId: string): Promise<RunJson> {
    if (!this.active.has(runId)) return Promise.reject(new Error(`No run ${runId} is training here.`))
    return new Promise((resolve) => {
      const off = this.onRun((run) => {
        if (run.id !== runId || isActive(run.status)) return
        off()
        resolve(run)
      })
    })
  }

  activeRuns(): string[] {
    return [...this.active.keys()]
  }

  /**
   * Whether a run of this process marked running or paused is really training: the thread reports a
   * run's record before it answers the start, and reports it ended (or interrupted) when it ends or dies.
   */
  isTraining(runId: string): boolean {
    return this.active.has(runId)
  }

  onProgress(listener: (progress: TrainingProgress) => void): () => void {
    this.progressListeners.add(listener)
    return () => this.progressListeners.delete(listener)
  }

  /** Every change of a run's record: what `training.run` carries. */
  onRun(listener: (run: RunJson) => void): () => void {
    this.runListeners.add(listener)
    return () => this.runListeners.delete(listener)
  }

  /** Stops the training thread (a run still training there reads back as 'interrupted'). */
  async close(): Promise<void> {
    const thread = this.thread
    this.thread = null
    thread?.channel.close({ code: 'unavailable', message: 'Training has been shut down.' })
    await thread?.worker.terminate()
  }

  /**
   * Asks the thread; returns where the run stands as its record last said. The request is taken between
   * two batches, and the run's own events say when the change took effect.
   */
  private control(runId: string, action: 'pause' | 'resume' | 'stop'): RunStatus {
    const run = this.active.get(runId)
    if (run === undefined) throw new Error(`No run ${runId} is training here.`)
    void this.thread?.channel.call('control', { runId, action })
    return run.status
  }

  private ensureThread(): TrainingThread {
    if (this.thread) return this.thread
    const worker = startWorker(this.options)
    const channel = createRpcEndpoint<WorkerRoutes>({
      send: (message) => worker.postMessage(message),
      onEvent: (name, payload) => this.onEvent(name, payload)
    })
    const thread: TrainingThread = { worker, channel, nativeLoaded: false }
    worker.on('message', (message: unknown) => channel.receive(message))
    worker.on('error', (error) => this.threadDied(thread, `The training thread failed: ${error.message}`))
    worker.on('exit', (code) =>
      this.threadDied(thread, `The training thread ended unexpectedly (exit code ${code}).`)
    )
    this.thread = thread
    return thread
  }

  private onEvent(name: string, payload: unknown): void {
    if (name === 'progress') {
      const progress = payload as WorkerEvents['progress']
      this.progressListeners.forEach((listener) => listener(progress))
    } else if (name === 'run') this.publishRun(payload as WorkerEvents['run'])
  }

  private publishRun(run: RunJson): void {
    if (this.thread && isNative(run.backend?.name)) this.thread.nativeLoaded = true
    if (isActive(run.status)) this.active.set(run.id, run)
    else this.active.delete(run.id)
    this.runListeners.forEach((listener) => listener(run))
  }

  /** The thread is gone and its runs with it: they are reported as interrupted, and their files left as they are. */
  private threadDied(thread: TrainingThread, reason: string): void {
    thread.channel.close({ code: 'failed', message: reason })
    if (this.thread !== thread) return
    this.thread = null
    this.backendSummary = null
    const nativeLoaded =
      thread.nativeLoaded || [...this.active.values()].some((run) => isNative(run.backend?.name))
    for (const run of [...this.active.values()])
      this.publishRun({ ...run, status: 'interrupted', error: reason, updatedAt: new Date().toISOString() })
    if (nativeLoaded) this.options.onNativeThreadLost?.(reason)
  }
}
